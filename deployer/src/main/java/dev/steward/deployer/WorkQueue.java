package dev.steward.deployer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keys waiting to be reconciled, like client-go's work queue: a key is queued once however often it is added
 * (at the earliest time asked for), and never handed to two workers at once; a key added while a worker has
 * it is handed out again after {@link #done}.
 */
final class WorkQueue<K> {
  private final DelayQueue<Entry<K>> delayed = new DelayQueue<>();
  private final Map<K, Long> due = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Long> dirty = new HashMap<>();
  private volatile boolean shutDown;

  private record Entry<K>(K key, long at) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(at, ((Entry<?>) o).at);
    }
  }

  void add(K key) {
    addAfter(key, Duration.ZERO);
  }

  synchronized void addAfter(K key, Duration delay) {
    if (shutDown) {
      return;
    }
    long at = System.nanoTime() + delay.toNanos();
    if (processing.contains(key)) {
      dirty.merge(key, at, Math::min);
      return;
    }
    Long queued = due.get(key);
    if (queued != null && queued <= at) {
      return;
    }
    due.put(key, at);
    delayed.add(new Entry<>(key, at));
  }

  /** The next due key, waiting for it; null once shut down. */
  @Nullable K take() throws InterruptedException {
    while (!shutDown) {
      Entry<K> e = delayed.poll(200, TimeUnit.MILLISECONDS);
      if (e == null) {
        continue;
      }
      synchronized (this) {
        Long at = due.get(e.key());
        if (at == null || at != e.at()) {
          continue; // superseded by an earlier entry for the same key
        }
        due.remove(e.key());
        processing.add(e.key());
        return e.key();
      }
    }
    return null;
  }

  synchronized void done(K key) {
    processing.remove(key);
    Long again = dirty.remove(key);
    if (again != null) {
      addAfter(key, Duration.ofNanos(Math.max(0, again - System.nanoTime())));
    }
  }

  synchronized int size() {
    return due.size();
  }

  void shutDown() {
    shutDown = true;
  }
}
