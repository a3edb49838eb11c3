package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import tools.jackson.databind.JsonNode;

/**
 * The legacy {@code /store/} body: one JSON event. Very old SDKs sent it base64-encoded zlib
 * instead; a body that does not start with {@code {} is tried that way. The result is an envelope
 * with one event item (or transaction item, when the event says {@code "type": "transaction"}).
 */
@PureLogic
public final class StoreParser {
    private final IngestLimits limits;

    public StoreParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws IngestException 400 when the body is not a JSON object (plain or base64+zlib), 413 past the event limit
     * @throws IOException     when reading the client's stream fails
     */
    public Envelope parse(InputStream body) throws IOException {
        EnvelopeHeader[] header = new EnvelopeHeader[1];
        EnvelopeItem[] item = new EnvelopeItem[1];
        parse(body, RequestMemory.unlimited(), new EnvelopeParser.Sink() {
            @Override
            public void header(EnvelopeHeader h) {
                header[0] = h;
            }

            @Override
            public void item(EnvelopeItem i) {
                item[0] = i;
            }
        });
        return new Envelope(header[0], List.of(item[0]), Map.of());
    }

    /**
     * Parses the body as an envelope of one event item (already parsed: its id and type are read from
     * it) and hands it to {@code sink}; the payload and its tree are charged to {@code memory}.
     */
    public void parse(InputStream body, RequestMemory memory, EnvelopeParser.Sink sink) throws IOException {
        int max = limits.maxEventBytes();
        byte[] raw = readAtMost(body, max, memory);
        int start = 0;
        while (start < raw.length && isWhitespace(raw[start])) {
            start++;
        }
        if (start == raw.length) {
            throw IngestException.badRequest("empty event body");
        }
        byte[] json = raw[start] == '{' ? raw : decodeLegacy(raw, max, memory);
        memory.charge(IngestJson.treeBytes(json.length));
        JsonNode event = IngestJson.parseObject(json, "the event");
        String eventId = null;
        JsonNode id = event.get("event_id");
        if (id != null && !id.isNull()) {
            eventId = EventIds.normalize(IngestJson.string(id));
        }
        String type = "transaction".equals(IngestJson.string(event.get("type"))) ? ItemTypes.TRANSACTION : ItemTypes.EVENT;
        sink.header(EnvelopeHeader.ofEventId(eventId));
        sink.item(new EnvelopeItem(type, "application/json", null, null, json, event));
    }

    private static byte[] readAtMost(InputStream body, int max, RequestMemory memory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer, 0, buffer.length)) >= 0) {
            if (out.size() + n > max) {
                throw new PayloadTooLargeException("the event is larger than the limit of " + max + " bytes", max);
            }
            // the buffer may double and the result is a copy: three times what was read, at most
            memory.charge(3L * n);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] decodeLegacy(byte[] raw, int max, RequestMemory memory) {
        byte[] compressed;
        try {
            compressed = Base64.getMimeDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw IngestException.badRequest("the event is neither JSON nor base64-encoded zlib");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw IngestException.badRequest("the event is neither JSON nor complete base64-encoded zlib");
                }
                if (out.size() + n > max) {
                    throw new PayloadTooLargeException("the event is larger than the limit of " + max + " bytes", max);
                }
                memory.charge(3L * n);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw IngestException.badRequest("the event is neither JSON nor base64-encoded zlib");
        } finally {
            inflater.end();
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
