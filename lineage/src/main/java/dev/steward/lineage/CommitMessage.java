package dev.steward.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The commit message format: a subject line, a blank line, then trailers.
 *
 * <pre>
 * Register model version churn/3
 *
 * Steward-Actor: alice
 * Steward-Action: register-model-version
 * Steward-Entity: models/churn/3
 * Steward-Run: 42
 * Steward-File: models/churn/versions/0-99/3.yaml sha256:9f86d0...
 * Steward-File: models/churn/aliases/canary.yaml deleted
 * </pre>
 *
 * <p>There is one {@code Steward-File} trailer per file the commit changes, and none for a file it leaves
 * as it was.
 */
record CommitMessage(String summary, @Nullable String actor, @Nullable String action, @Nullable String entity,
		Map<String, String> extraTrailers, List<FileDigest> files) {

	static final String ACTOR = "Steward-Actor";
	static final String ACTION = "Steward-Action";
	static final String ENTITY = "Steward-Entity";
	static final String FILE = "Steward-File";
	private static final String SHA256 = "sha256:";
	private static final String DELETED = "deleted";

	/**
	 * A {@code Steward-File} trailer: the path and the hex SHA-256 of the content written there, or
	 * {@code null} when the commit deleted the file.
	 */
	record FileDigest(String path, @Nullable String sha256) {

		boolean deleted() {
			return sha256 == null;
		}
	}

	static String format(Change change, List<FileDigest> changed) {
		StringBuilder message = new StringBuilder(256).append(change.summary()).append("\n\n");
		trailer(message, ACTOR, change.actor());
		trailer(message, ACTION, change.action());
		trailer(message, ENTITY, change.subject());
		change.trailers().forEach((key, value) -> trailer(message, key, value));
		for (FileDigest file : changed) {
			trailer(message, FILE, file.path() + " " + (file.deleted() ? DELETED : SHA256 + file.sha256()));
		}
		return message.toString();
	}

	private static void trailer(StringBuilder message, String key, String value) {
		message.append(key).append(": ").append(value).append('\n');
	}

	/** Parses any message; a message without a trailer block gives empty trailers. */
	static CommitMessage parse(String message) {
		int firstBreak = message.indexOf('\n');
		String summary = (firstBreak < 0 ? message : message.substring(0, firstBreak)).strip();
		String body = message.strip();
		int lastParagraph = body.lastIndexOf("\n\n");
		if (lastParagraph < 0) {
			return new CommitMessage(summary, null, null, null, Map.of(), List.of());
		}
		String actor = null;
		String action = null;
		String entity = null;
		Map<String, String> extra = new LinkedHashMap<>();
		List<FileDigest> files = new ArrayList<>();
		for (String line : body.substring(lastParagraph + 2).split("\n")) {
			int colon = line.indexOf(": ");
			if (colon <= 0 || line.substring(0, colon).indexOf(' ') >= 0) {
				continue;
			}
			String key = line.substring(0, colon);
			String value = line.substring(colon + 2).strip();
			switch (key) {
				case ACTOR -> actor = value;
				case ACTION -> action = value;
				case ENTITY -> entity = value;
				case FILE -> {
					int space = value.lastIndexOf(' ');
					if (space > 0 && value.startsWith(SHA256, space + 1)) {
						files.add(new FileDigest(value.substring(0, space), value.substring(space + 1 + SHA256.length())));
					}
					else if (space > 0 && value.substring(space + 1).equals(DELETED)) {
						files.add(new FileDigest(value.substring(0, space), null));
					}
					else {
						files.add(new FileDigest(value, ""));
					}
				}
				default -> extra.put(key, value);
			}
		}
		return new CommitMessage(summary, actor, action, entity, extra, files);
	}
}
