package dev.steward.registry;

import java.util.SortedMap;

/** A dataset version was registered and committed (by itself or together with a model version). */
public record DatasetVersionRegistered(String name, int version, String digest, SortedMap<String, String> tags,
    String actor) {}
