package dev.steward.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A change as recorded in the repository: what {@link Lineage#record(Change)} answers, what listeners
 * receive and what {@link Lineage#changesSince(String, java.util.function.Consumer)} replays.
 *
 * @param commitId the 40-hex commit id
 * @param time the commit time (whole seconds, as Git stores it)
 * @param actor the {@code Steward-Actor} trailer
 * @param action the {@code Steward-Action} trailer
 * @param subject the {@code Steward-Entity} trailer
 * @param trailers the extra trailers of the change, in order (not the Steward-Actor, -Action, -Entity and
 *     -File trailers)
 * @param files the files the commit changed compared with its first parent, in path order; writing
 *     identical content or deleting a missing file changes nothing and is not listed
 * @param parentId the commit's first parent, {@code null} for the first commit: a listener that sees a
 *     batch whose first parent is not the last commit it saw knows that another writer committed between
 */
public record RecordedChange(String commitId, Instant time, String actor, String action, String subject,
		Map<String, String> trailers, List<ChangedFile> files, @Nullable String parentId) {

	public RecordedChange {
		trailers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trailers));
		files = List.copyOf(files);
	}

	/** A change whose parent is not known, for tests and tools that build changes by hand. */
	public RecordedChange(String commitId, Instant time, String actor, String action, String subject,
			Map<String, String> trailers, List<ChangedFile> files) {
		this(commitId, time, actor, action, subject, trailers, files, null);
	}
}
