package dev.steward.registry;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Entities this process has just written for a commit, so that indexing the commit does not parse back
 * the YAML it was made from (a tenth of a registration's CPU). An entry lives from just before the commit
 * until the index takes it, or until the commit fails. It is used only when the committed bytes equal the
 * remembered ones; a rebuild, or a commit made elsewhere, finds nothing here and parses the YAML.
 */
final class ParsedDocuments {
  private record Entry(byte[] yaml, Registered entity) {
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong used = new AtomicLong();

  void remember(String path, byte[] yaml, Registered entity) {
    entries.put(path, new Entry(yaml, entity));
  }

  /** The entity written as {@code yaml} at {@code path}, or null when it must be parsed. */
  @Nullable Registered take(String path, byte[] yaml) {
    Entry e = entries.remove(path);
    if (e != null && Arrays.equals(e.yaml(), yaml)) {
      used.incrementAndGet();
      return e.entity();
    }
    return null;
  }

  void forget(String path) {
    entries.remove(path);
  }

  /** How many committed files were indexed from a remembered entity. */
  long used() {
    return used.get();
  }

  /** Entries not yet taken or forgotten: zero whenever no registration is under way. */
  int size() {
    return entries.size();
  }
}
