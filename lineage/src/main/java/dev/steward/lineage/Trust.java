package dev.steward.lineage;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;

/**
 * What makes a commit of main trustworthy: the signature of a trusted key (when lineage signs) and, for
 * history written before commits were signed, the trust start up to which commits are accepted unsigned.
 *
 * @param signatures the signing keys, or {@code null} when lineage neither signs nor checks signatures
 * @param trustStart the last commit accepted without a signature, or {@code null} when every commit needs one
 */
record Trust(@Nullable Signatures signatures, @Nullable ObjectId trustStart) {

	static Trust unsigned() {
		return new Trust(null, null);
	}

	static Trust of(Signatures signatures, SigningSettings settings) {
		String start = settings.trustStart();
		return new Trust(signatures, start == null ? null : ObjectId.fromString(start));
	}

	/** Why {@code commit}'s signature does not count, or {@code null} when it does or signatures are not checked. */
	@Nullable String signatureProblem(Repository repository, RevCommit commit) {
		return signatures == null ? null : signatures.problem(repository, commit);
	}
}
