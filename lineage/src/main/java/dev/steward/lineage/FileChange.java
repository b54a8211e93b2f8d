package dev.steward.lineage;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One file written or removed by a {@link Change}.
 *
 * <p>The content is copied on construction, so a caller may reuse its buffer once the change is built;
 * the array returned by {@link #content()} is shared and must not be modified.
 *
 * @param path repository path, relative and '/'-separated, for example {@code models/churn/versions/0-99/3.yaml}
 * @param kind what to do with the path
 * @param content the canonical bytes; {@code null} exactly when {@code kind} is {@link Kind#DELETE}
 */
public record FileChange(String path, Kind kind, byte @Nullable [] content) {

	/** What a file change does. */
	public enum Kind {
		/** Adds a new file; fails the whole change with {@link PathAlreadyExists} if the path exists. */
		CREATE,
		/** Creates the file or replaces its content. */
		PUT,
		/** Removes the file; removing a missing file changes nothing. */
		DELETE
	}

	public FileChange {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(kind, "kind");
		RepositoryPath.requireValid(path);
		if (kind == Kind.DELETE) {
			if (content != null) {
				throw new IllegalArgumentException("Deleting " + path + " takes no content.");
			}
		}
		else {
			if (content == null) {
				throw new IllegalArgumentException(kind + " of " + path + " needs content.");
			}
			content = content.clone();
		}
	}

	public static FileChange create(String path, byte[] content) {
		return new FileChange(path, Kind.CREATE, content);
	}

	public static FileChange put(String path, byte[] content) {
		return new FileChange(path, Kind.PUT, content);
	}

	public static FileChange delete(String path) {
		return new FileChange(path, Kind.DELETE, null);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof FileChange that && path.equals(that.path) && kind == that.kind
				&& Arrays.equals(content, that.content);
	}

	@Override
	public int hashCode() {
		return Objects.hash(path, kind, Arrays.hashCode(content));
	}

	@Override
	public String toString() {
		return "FileChange[" + kind + " " + path + (content == null ? "" : ", " + content.length + " bytes") + "]";
	}
}
