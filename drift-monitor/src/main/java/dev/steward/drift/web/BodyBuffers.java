package dev.steward.drift.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A few request-body buffers that ingestion batches reuse. A 2 MB batch read into a fresh array is a
 * humongous allocation for the collector, and at a hundred batches a second that churn alone cost more
 * CPU than counting the rows. Buffers above {@link #MAX_KEPT} are not kept.
 */
final class BodyBuffers {
  static final int MAX_KEPT = 8 << 20;

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(4);

  /** The body, read whole; its bytes are {@code [0, length)} of {@link Body#bytes()}. */
  record Body(byte[] bytes, int length) {
  }

  /** Reads the whole stream into a kept buffer when one is large enough (or the length is unknown). */
  Body read(InputStream in, long contentLength) throws IOException {
    byte[] buffer = free.poll();
    if (buffer == null || (contentLength > buffer.length && contentLength <= MAX_KEPT)) {
      buffer = new byte[(int) Math.min(MAX_KEPT, Math.max(64 << 10, contentLength))];
    }
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        byte[] grown = new byte[buffer.length * 2];
        System.arraycopy(buffer, 0, grown, 0, length);
        buffer = grown;
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        return new Body(buffer, length);
      }
      length += n;
    }
  }

  /** Gives a buffer back once the batch it held is ingested. */
  void release(Body body) {
    if (body.bytes().length <= MAX_KEPT) {
      free.offer(body.bytes());
    }
  }
}
