package io.bugmaster.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts items dropped as invalid, by {@code "type: reason"}. Not thread-safe: one per request. */
public final class Drops {
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /** Records one dropped item; returns null so callers can {@code return drops.drop(...)}. */
    public <T> T drop(String type, String reason) {
        counts.merge(type + ": " + reason, 1, Integer::sum);
        return null;
    }

    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
