package dev.steward.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content digest of local data, as {@code sha256:<hex>}. A file: the SHA-256 of its bytes. A directory:
 * the SHA-256 of the lines {@code sha256sum} prints for its regular files (symbolic links are skipped),
 * sorted bytewise by relative path, so that the shell gives the same answer:
 *
 * <pre>
 * (cd DIR &amp;&amp; find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
 * </pre>
 */
final class ContentDigest {
  private ContentDigest() {}

  static String of(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      MessageDigest manifest = sha256();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .sorted((a, b) -> compareBytes(relative(path, a), relative(path, b))).toList();
      }
      for (Path file : files) {
        String line = hex(file) + "  " + relative(path, file) + "\n";
        manifest.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(manifest.digest());
    }
    return "sha256:" + hex(path);
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static int compareBytes(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0;) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This Java has no SHA-256.", e);
    }
  }
}
