package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Map;

/**
 * A parsed envelope.
 *
 * @param header       the envelope header
 * @param items        the kept items in the order they came
 * @param skippedTypes how many items of each skipped (not kept) type were passed over, by type name
 */
@PureLogic
public record Envelope(EnvelopeHeader header, List<EnvelopeItem> items, Map<String, Integer> skippedTypes) {

    public Envelope {
        items = List.copyOf(items);
        skippedTypes = Map.copyOf(skippedTypes);
    }

    public List<EnvelopeItem> items(String type) {
        return items.stream().filter(item -> item.type().equals(type)).toList();
    }

    public int skippedCount() {
        return skippedTypes.values().stream().mapToInt(Integer::intValue).sum();
    }
}
