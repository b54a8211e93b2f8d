package dev.steward.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The URL and token {@code steward login} stored: a YAML file readable by its owner only (mode 600), written
 * atomically so that a crash leaves the old file or the new one.
 */
record UserConfig(@Nullable String url, @Nullable String token) {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  static UserConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new UserConfig(null, null);
    }
    try {
      JsonNode node = YAML.readTree(Files.readString(file));
      return new UserConfig(text(node, "url"), text(node, "token"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
          + "); fix or delete it and run steward login again.", e);
    }
  }

  void write(Path file) throws IOException {
    ObjectNode node = YAML.createObjectNode();
    node.put("url", url);
    node.put("token", token);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".config", ".tmp");
    try {
      setOwnerOnly(tmp);
      Files.writeString(tmp, YAML.writeValueAsString(node));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    setOwnerOnly(file);
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isBlank() ? value.asString() : null;
  }
}
