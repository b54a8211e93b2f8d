package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentDigestTests {
  @TempDir
  Path dir;

  @Test
  void digestsAFileAsSha256sumDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("data.csv"), "tenure,plan\n3,basic\n");
    assertThat(ContentDigest.of(file)).isEqualTo("sha256:" + shell("sha256sum " + file + " | cut -d' ' -f1"));
  }

  @Test
  void digestsADirectoryAsTheDocumentedShellPipelineDoes() throws Exception {
    Files.createDirectories(dir.resolve("part=2/sub"));
    Files.writeString(dir.resolve("b.csv"), "b\n");
    Files.writeString(dir.resolve("B.csv"), "upper\n");
    Files.writeString(dir.resolve("part=2/sub/x.parquet"), "x");
    Files.writeString(dir.resolve("part=2/a b.csv"), "space\n");
    Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("b.csv"));
    String expected = shell("cd " + dir + " && find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum"
        + " | sha256sum | cut -d' ' -f1");
    assertThat(ContentDigest.of(dir)).isEqualTo("sha256:" + expected);
  }

  @Test
  void changesWithAnyFileOrName() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "1\n");
    String before = ContentDigest.of(dir);
    Files.move(dir.resolve("a.csv"), dir.resolve("c.csv"));
    assertThat(ContentDigest.of(dir)).isNotEqualTo(before);
  }

  private static String shell(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
