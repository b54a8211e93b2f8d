package dev.steward.lineage;

/**
 * A commit of main failed verification (an unsigned or wrongly signed commit, or one whose
 * {@code Steward-File} trailers do not match the files it changes), so a replay stopped before it: every
 * earlier commit was handed over, this one and those after it were not.
 */
public final class UntrustedCommit extends LineageException {

	private final String commitId;

	private final String reason;

	public UntrustedCommit(String commitId, String reason) {
		super("Commit " + commitId + " failed verification: " + reason);
		this.commitId = commitId;
		this.reason = reason;
	}

	/** The 40-hex id of the commit. */
	public String commitId() {
		return commitId;
	}

	/** What is wrong with it, in sentences. */
	public String reason() {
		return reason;
	}
}
