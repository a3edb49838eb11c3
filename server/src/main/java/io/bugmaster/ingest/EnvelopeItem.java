package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * One kept item of an envelope: its type, the item header fields that matter, and the payload's
 * raw bytes (never larger than the type's limit). The payload array is not copied: do not modify it.
 * The rest of the item header is not kept: a header line may be 64 KB of JSON, and a thousand items
 * of parsed header trees would cost far more memory than their payloads.
 *
 * @param type           the item type, one of {@link ItemTypes#KEPT}
 * @param contentType    {@code content_type}, or null
 * @param filename       {@code filename} (attachments), or null
 * @param attachmentType {@code attachment_type} (attachments), or null
 * @param payload        the payload bytes
 * @param tree           the payload already parsed, or null to parse it when {@link #json()} is called
 */
@PureLogic
public record EnvelopeItem(String type, String contentType, String filename, String attachmentType, byte[] payload,
                           JsonNode tree) {

    public EnvelopeItem(String type, String contentType, String filename, String attachmentType, byte[] payload) {
        this(type, contentType, filename, attachmentType, payload, null);
    }

    /**
     * The payload parsed as JSON; 400 naming the item type when it is not JSON, or (for an event,
     * transaction or feedback) not one JSON object; 413 when it holds more than
     * {@link IngestJson#MAX_TOKENS} JSON values.
     */
    public JsonNode json() {
        if (tree != null) {
            return tree;
        }
        return ItemTypes.EVENT_LIKE.contains(type) ? IngestJson.readObject(payload, "the " + type + " item")
                : IngestJson.parse(payload, 0, payload.length, "the " + type + " item");
    }

    /** This item with its payload parsed now (so a malformed event fails here, not later). */
    public EnvelopeItem parsed() {
        return tree != null ? this : new EnvelopeItem(type, contentType, filename, attachmentType, payload, json());
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EnvelopeItem[type=" + type + ", contentType=" + contentType + ", filename=" + filename
                + ", bytes=" + payload.length + "]";
    }
}
