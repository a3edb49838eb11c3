package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Streaming parser of the envelope format {@code Headers ("\n" Item)* ["\n"]}, where
 * {@code Item = Headers "\n" Payload} and each header is one line of JSON. Reads the decoded body
 * once, front to back, and hands each kept item to a {@link Sink} as soon as it is read, so a
 * request never holds more than what the sink keeps plus one item. Every payload is reserved from the
 * request's {@link RequestMemory} before it is buffered.
 *
 * <ul>
 *   <li>An item with {@code length} has exactly that many payload bytes, followed by {@code "\n"} or
 *       the end; without {@code length} the payload runs to the next {@code "\n"} or the end.</li>
 *   <li>Empty lines between items are passed over. Only {@code "\n"} is a newline.</li>
 *   <li>Kept item types ({@link ItemTypes#KEPT}) are held to their size limit (413 naming the type and
 *       the limit); session items to a count. Every other type is skipped without buffering, counted
 *       by type, never rejected.</li>
 *   <li>At most one event or transaction item: an envelope carries one event (as Sentry's Relay
 *       requires); a second one is refused with 400.</li>
 *   <li>A header that is not a JSON object, an item without a type, a bad {@code length}, a bad
 *       {@code event_id}: 400. (An event, transaction or feedback payload that is not a JSON object is
 *       refused with 400 when it is parsed: by {@link EnvelopeItem#json()}.)</li>
 * </ul>
 */
@PureLogic
public final class EnvelopeParser {
    private static final int MAX_SKIPPED_TYPE_NAMES = 32;
    private static final int MAX_TYPE_NAME_LENGTH = 64;

    private final IngestLimits limits;

    public EnvelopeParser(IngestLimits limits) {
        this.limits = limits;
    }

    /** Receives an envelope while it is read. Either method may throw an {@link IngestException} to stop reading. */
    public interface Sink {
        /** The envelope header, before any item. */
        void header(EnvelopeHeader header);

        /**
         * One kept item. Its payload is charged to the request's memory; the sink releases that charge
         * when it lets go of the payload.
         */
        void item(EnvelopeItem item);
    }

    /**
     * Parses a decoded body (see {@link BodyDecoder}) completely, holding every item, with event,
     * transaction and feedback payloads parsed (so a payload that is not a JSON object fails here).
     * For bodies already bounded by small limits: ingestion itself streams (the other {@code parse}).
     *
     * @throws IngestException 400 for a malformed envelope, 413 past a limit
     * @throws IOException     when reading the client's stream fails
     */
    public Envelope parse(InputStream body) throws IOException {
        EnvelopeHeader[] header = new EnvelopeHeader[1];
        List<EnvelopeItem> items = new ArrayList<>();
        Map<String, Integer> skipped = parse(body, RequestMemory.unlimited(), new Sink() {
            @Override
            public void header(EnvelopeHeader h) {
                header[0] = h;
            }

            @Override
            public void item(EnvelopeItem item) {
                items.add(ItemTypes.EVENT_LIKE.contains(item.type()) ? item.parsed() : item);
            }
        });
        return new Envelope(header[0], items, skipped);
    }

    /**
     * Parses a decoded body, handing the header and then each kept item to {@code sink}.
     *
     * @return how many items of each skipped type were passed over, by type name
     * @throws IngestException 400 for a malformed envelope, 413 past a limit, 429 when the memory budget is taken
     * @throws IOException     when reading the client's stream fails
     */
    public Map<String, Integer> parse(InputStream body, RequestMemory memory, Sink sink) throws IOException {
        Reader reader = new Reader(body, memory);
        byte[] headerLine = reader.readLine(limits.maxHeaderLineBytes(), "the envelope header");
        if (headerLine == null || isBlank(headerLine)) {
            throw IngestException.badRequest("empty envelope: the first line must be the envelope header (a JSON object)");
        }
        // the header's tree is kept for the whole request
        memory.charge(IngestJson.treeBytes(headerLine.length));
        sink.header(EnvelopeHeader.from(IngestJson.parseObject(headerLine, "the envelope header")));
        memory.release(headerLine.length);

        Map<String, Integer> skipped = new LinkedHashMap<>();
        int sessions = 0;
        int kept = 0;
        boolean hasEvent = false;
        int index = 0;
        while (true) {
            byte[] line = reader.readLine(limits.maxHeaderLineBytes(), "an item header");
            if (line == null) {
                break;
            }
            if (isBlank(line)) {
                memory.release(line.length);
                continue;
            }
            index++;
            long headerTree = IngestJson.treeBytes(line.length);
            memory.charge(headerTree);
            JsonNode itemHeader = IngestJson.parseObject(line, "the header of item " + index);
            String type = IngestJson.string(itemHeader.get("type"));
            if (type == null || type.isBlank()) {
                throw IngestException.badRequest("the header of item " + index + " has no type");
            }
            Long length = length(itemHeader, index, type);
            String contentType = IngestJson.nonBlank(itemHeader.get("content_type"));
            String filename = IngestJson.nonBlank(itemHeader.get("filename"));
            String attachmentType = IngestJson.nonBlank(itemHeader.get("attachment_type"));
            memory.release(headerTree + line.length);

            if (!ItemTypes.isKept(type)) {
                if (length != null) {
                    reader.skipExactly(length, type);
                    reader.expectNewlineOrEnd(type, length);
                } else {
                    reader.skipLine();
                }
                countSkipped(skipped, type);
                continue;
            }
            if (type.equals(ItemTypes.EVENT) || type.equals(ItemTypes.TRANSACTION)) {
                if (hasEvent) {
                    throw IngestException.badRequest("item " + index + " is a second event or transaction: an envelope carries"
                            + " at most one; send each event in its own envelope");
                }
                hasEvent = true;
            }
            if (type.equals(ItemTypes.SESSION) || type.equals(ItemTypes.SESSIONS)) {
                sessions++;
                if (sessions > limits.maxSessionItems()) {
                    throw new PayloadTooLargeException("more than " + limits.maxSessionItems()
                            + " session items in one envelope", limits.maxSessionItems());
                }
            }
            if (++kept > limits.maxKeptItems()) {
                throw new PayloadTooLargeException("more than " + limits.maxKeptItems() + " items in one envelope",
                        limits.maxKeptItems());
            }

            int max = limits.maxItemBytes(type);
            byte[] payload;
            if (length != null) {
                if (length > max) {
                    throw tooLarge(type, max);
                }
                payload = reader.readExactly(length.intValue(), type);
                reader.expectNewlineOrEnd(type, length);
            } else {
                payload = reader.readLine(max, "the " + type + " item");
                if (payload == null) {
                    payload = new byte[0];
                }
            }
            sink.item(new EnvelopeItem(type, contentType, filename, attachmentType, payload));
        }
        return skipped;
    }

    private static Long length(JsonNode itemHeader, int index, String type) {
        JsonNode node = itemHeader.get("length");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw IngestException.badRequest("the length of item " + index + " (" + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH)
                    + ") is not a non-negative integer");
        }
        return node.longValue();
    }

    private static PayloadTooLargeException tooLarge(String type, int max) {
        return new PayloadTooLargeException("the " + type + " item is larger than the limit of " + max + " bytes", max);
    }

    private static void countSkipped(Map<String, Integer> skipped, String type) {
        String name = JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH);
        if (!skipped.containsKey(name) && skipped.size() >= MAX_SKIPPED_TYPE_NAMES) {
            name = "(other)";
        }
        skipped.merge(name, 1, Integer::sum);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * A buffered reader over bytes with bounded lines and exact reads. Every array it returns is
     * charged to the request's memory (its length), before it is allocated.
     */
    private static final class Reader {
        private final InputStream in;
        private final RequestMemory memory;
        private final byte[] buffer = new byte[8192];
        private int pos;
        private int end;
        private boolean eof;

        Reader(InputStream in, RequestMemory memory) {
            this.in = in;
            this.memory = memory;
        }

        private boolean fill() throws IOException {
            if (pos < end) {
                return true;
            }
            if (eof) {
                return false;
            }
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        /**
         * The bytes up to the next newline (consumed, not returned), or to the end; null at the end.
         * A line longer than what is buffered grows in an array that doubles, each growth charged first.
         */
        byte[] readLine(int max, String what) throws IOException {
            if (!fill()) {
                return null;
            }
            byte[] line = null;
            int size = 0;
            while (fill()) {
                int start = pos;
                int newline = -1;
                for (int i = pos; i < end; i++) {
                    if (buffer[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                int stop = newline >= 0 ? newline : end;
                int n = stop - start;
                if (size + n > max) {
                    throw new PayloadTooLargeException(what + " is larger than the limit of " + max + " bytes", max);
                }
                pos = newline >= 0 ? newline + 1 : end;
                if (line == null && newline >= 0) {
                    memory.charge(n);
                    return java.util.Arrays.copyOfRange(buffer, start, stop);
                }
                if (line == null || size + n > line.length) {
                    int capacity = Math.min(max, Math.max(size + n, line == null ? 2 * buffer.length : 2 * line.length));
                    memory.charge(capacity);
                    byte[] grown = line == null ? new byte[capacity] : java.util.Arrays.copyOf(line, capacity);
                    memory.release(line == null ? 0 : line.length);
                    line = grown;
                }
                System.arraycopy(buffer, start, line, size, n);
                size += n;
                if (newline >= 0) {
                    break;
                }
            }
            if (line == null) {
                return new byte[0];
            }
            if (size == line.length) {
                return line;
            }
            memory.charge(size);
            byte[] exact = java.util.Arrays.copyOf(line, size);
            memory.release(line.length);
            return exact;
        }

        /** Passes over the bytes up to and including the next newline, holding none of them. */
        void skipLine() throws IOException {
            while (fill()) {
                for (int i = pos; i < end; i++) {
                    if (buffer[i] == '\n') {
                        pos = i + 1;
                        return;
                    }
                }
                pos = end;
            }
        }

        byte[] readExactly(int length, String type) throws IOException {
            memory.charge(length);
            byte[] out = new byte[length];
            int done = 0;
            while (done < length) {
                if (!fill()) {
                    throw shortPayload(type, length, done);
                }
                int n = Math.min(length - done, end - pos);
                System.arraycopy(buffer, pos, out, done, n);
                pos += n;
                done += n;
            }
            return out;
        }

        void skipExactly(long length, String type) throws IOException {
            long done = 0;
            while (done < length) {
                if (!fill()) {
                    throw shortPayload(type, length, done);
                }
                int n = (int) Math.min(length - done, end - pos);
                pos += n;
                done += n;
            }
        }

        void expectNewlineOrEnd(String type, long length) throws IOException {
            if (!fill()) {
                return;
            }
            if (buffer[pos] != '\n') {
                throw IngestException.badRequest("the " + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH) + " item's payload is longer than its length of "
                        + length + " bytes (no newline after it)");
            }
            pos++;
        }

        private static IngestException shortPayload(String type, long length, long got) {
            return IngestException.badRequest("the envelope ends inside the " + JsonSafe.clip(type, MAX_TYPE_NAME_LENGTH) + " item: its length is "
                    + length + " bytes, only " + got + " follow");
        }
    }
}
