package dev.steward.lineage;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Lineage#verify()} found.
 *
 * @param commits commits checked
 * @param files {@code Steward-File} trailers checked
 * @param signatures commit signatures checked (none when lineage runs without signing)
 * @param objects objects reachable from the main branch that were read and re-hashed
 * @param trustStart the last commit accepted without a signature, if one is configured
 * @param problems everything that did not match; empty when the repository is sound
 */
public record VerifyReport(long commits, long files, long signatures, long objects, @Nullable String trustStart,
		List<Problem> problems) {

	public VerifyReport {
		problems = List.copyOf(problems);
	}

	public boolean clean() {
		return problems.isEmpty();
	}

	/**
	 * One finding.
	 *
	 * @param commitId the commit it concerns, or {@code null} for an object found unreadable while walking
	 * @param path the file it concerns, or {@code null}
	 * @param description a sentence saying what is wrong
	 */
	public record Problem(@Nullable String commitId, @Nullable String path, String description) {
	}
}
