package io.bugmaster.events;

import io.bugmaster.common.PureLogic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the tags an SDK sent from a stored event payload ({@code "tags": [["key", "value"], ...]}, as ingest keeps them). */
@PureLogic
final class PayloadTags {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PayloadTags() {}

    static boolean has(byte[] storedPayload, String key, String value) {
        if (storedPayload == null) {
            return false;
        }
        JsonNode tags = JSON.readTree(EventPayloads.decompress(storedPayload)).path("tags");
        for (JsonNode pair : tags) {
            if (pair.isArray() && pair.size() == 2 && key.equals(pair.get(0).asString("")) && value.equals(pair.get(1).asString(""))) {
                return true;
            }
        }
        return false;
    }
}
