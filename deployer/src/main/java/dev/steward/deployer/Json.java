package dev.steward.deployer;

import dev.steward.registry.EntityDocuments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON trees of manifests: conversion, a stable digest, and the comparison that finds hand edits. */
final class Json {
  static final JsonMapper MAPPER = EntityDocuments.canonicalJson();

  private Json() {}

  static ObjectNode tree(Map<String, Object> manifest) {
    return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(manifest));
  }

  static ObjectNode parse(String json) {
    return (ObjectNode) MAPPER.readTree(json);
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A digest of the canonical form (keys sorted), so the same manifest always gives the same digest. */
  static String digest(JsonNode node) {
    try {
      byte[] bytes = MAPPER.writeValueAsString(MAPPER.treeToValue(node, Object.class)).getBytes(StandardCharsets.UTF_8);
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The paths where {@code actual} does not hold what {@code expected} says: every leaf of {@code expected}
   * must be there with the same value (other fields may be added, by KServe's defaulting for example).
   */
  static List<String> differences(JsonNode expected, JsonNode actual) {
    List<String> paths = new ArrayList<>();
    differences("", expected, actual, paths);
    return paths;
  }

  private static void differences(String path, JsonNode expected, JsonNode actual, List<String> paths) {
    if (expected.isObject()) {
      if (!actual.isObject()) {
        paths.add(path.isEmpty() ? "." : path);
        return;
      }
      expected.properties().forEach(e -> differences(path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
          e.getValue(), actual.path(e.getKey()), paths));
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        paths.add(path);
      }
      return;
    }
    if (!expected.equals(actual)) {
      paths.add(path);
    }
  }
}
