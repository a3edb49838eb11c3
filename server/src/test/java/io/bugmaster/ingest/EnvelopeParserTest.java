package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {
    private static final String HEADER = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b@sentry.io/42\",\"sent_at\":\"2026-11-21T04:35:57.392Z\"}";

    private static Envelope parse(String body) throws IOException {
        return parse(body, IngestLimits.defaults());
    }

    private static Envelope parse(String body, IngestLimits limits) throws IOException {
        return new EnvelopeParser(limits).parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static IngestException rejected(String body, IngestLimits limits) {
        try {
            parse(body, limits);
        } catch (IngestException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + body);
    }

    private static IngestException rejected(String body) {
        return rejected(body, IngestLimits.defaults());
    }

    @Test
    void headerFields() throws IOException {
        Envelope envelope = parse(HEADER + "\n");
        assertThat(envelope.header().eventId()).isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(envelope.header().dsn()).startsWith("https://e12d");
        assertThat(envelope.header().sentAt()).hasToString("2026-11-21T04:35:57.392Z");
        assertThat(envelope.items()).isEmpty();
        assertThat(parse(HEADER).items()).as("no newline at all").isEmpty();
    }

    @Test
    void itemsWithAndWithoutLengthAndTheLastWithoutNewline() throws IOException {
        String attachment = "line one\nline two\n";
        Envelope envelope = parse(HEADER + "\n"
                + "{\"type\":\"attachment\",\"length\":" + attachment.length() + ",\"filename\":\"log.txt\",\"content_type\":\"text/plain\",\"attachment_type\":\"event.attachment\"}\n"
                + attachment + "\n"
                + "{\"type\":\"event\",\"length\":16}\n{\"message\":\"hi\"}\n"
                + "{\"type\":\"session\"}\n{\"sid\":\"x\"}\n"
                + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("attachment", "event", "session", "client_report");
        EnvelopeItem first = envelope.items().get(0);
        assertThat(first.payloadText()).isEqualTo(attachment);
        assertThat(first.filename()).isEqualTo("log.txt");
        assertThat(first.contentType()).isEqualTo("text/plain");
        assertThat(first.attachmentType()).isEqualTo("event.attachment");
        assertThat(envelope.items().get(1).payloadText()).isEqualTo("{\"message\":\"hi\"}");
        assertThat(envelope.items().get(3).payloadText()).isEqualTo("{\"discarded_events\":[]}");
    }

    @Test
    void lengthItemAtTheVeryEndWithoutNewline() throws IOException {
        Envelope envelope = parse(HEADER + "\n{\"type\":\"event\",\"length\":2}\n{}");
        assertThat(envelope.items()).singleElement().extracting(EnvelopeItem::payloadText).isEqualTo("{}");
    }

    @Test
    void emptyLinesBetweenItemsAreTolerated() throws IOException {
        Envelope envelope = parse(HEADER + "\n\n{\"type\":\"event\"}\n{}\n\n\n{\"type\":\"session\",\"length\":2}\n{}\n\n");
        assertThat(envelope.items()).hasSize(2);
    }

    @Test
    void emptyPayloadWithZeroLength() throws IOException {
        Envelope envelope = parse(HEADER + "\n{\"type\":\"attachment\",\"length\":0}\n\n{\"type\":\"event\"}\n{}");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("attachment", "event");
        assertThat(envelope.items().get(0).payload()).isEmpty();
    }

    @Test
    void eventIdsWithDashesAndCaseAreNormalized() throws IOException {
        assertThat(parse("{\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\"}\n").header().eventId())
                .isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(parse("{\"event_id\":\"9EC79C33EC9942AB8353589FCB2E04DC\"}").header().eventId())
                .isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(parse("{}").header().eventId()).isNull();
        assertThat(rejected("{\"event_id\":\"not-an-id\"}").status()).isEqualTo(400);
        assertThat(rejected("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04d\"}").detail()).contains("event_id");
    }

    @Test
    void unknownAndUnkeptTypesAreSkippedAndCounted() throws IOException {
        Envelope envelope = parse(HEADER + "\n"
                + "{\"type\":\"span\",\"content_type\":\"application/vnd.sentry.items.span.v2+json\"}\n{\"version\":2,\"items\":[]}\n"
                + "{\"type\":\"profile\",\"length\":5}\nab\ncd\n"
                + "{\"type\":\"made_up\"}\nwhatever { not json\n"
                + "{\"type\":\"made_up\",\"length\":3}\n\n\n\n\n"
                + "{\"type\":\"event\"}\n{}");
        assertThat(envelope.items()).extracting(EnvelopeItem::type).containsExactly("event");
        assertThat(envelope.skippedTypes()).isEqualTo(Map.of("span", 1, "profile", 1, "made_up", 2));
        assertThat(envelope.skippedCount()).isEqualTo(4);
    }

    @Test
    void skippedItemsMayBeLargerThanAnyLimitWithoutBeingHeld() throws IOException {
        IngestLimits limits = new IngestLimits(1 << 30, 1 << 30, 1000, 1000, 1000, 1000, 10, 10, 1000);
        byte[] big = new byte[5_000_000];
        java.util.Arrays.fill(big, (byte) 'x');
        InputStream body = new SequenceInputStream(
                new ByteArrayInputStream((HEADER + "\n{\"type\":\"replay_recording\"}\n").getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(new ByteArrayInputStream(big), new ByteArrayInputStream("\n{\"type\":\"event\"}\n{}".getBytes())));
        Envelope envelope = new EnvelopeParser(limits).parse(body);
        assertThat(envelope.skippedTypes()).containsEntry("replay_recording", 1);
        assertThat(envelope.items()).hasSize(1);
    }

    @Test
    void oversizedItemsAre413NamingTheTypeAndLimit() {
        IngestLimits limits = new IngestLimits(1 << 20, 1 << 20, 100, 50, 200, 80, 2, 5, 1000);
        String big = "{\"m\":\"" + "x".repeat(200) + "\"}";
        for (String body : new String[] {
                HEADER + "\n{\"type\":\"event\",\"length\":" + big.length() + "}\n" + big,
                HEADER + "\n{\"type\":\"event\"}\n" + big}) {
            IngestException e = rejected(body, limits);
            assertThat(e).isInstanceOf(PayloadTooLargeException.class);
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.detail()).isEqualTo("the event item is larger than the limit of 100 bytes");
        }
        assertThat(rejected(HEADER + "\n{\"type\":\"check_in\",\"length\":51}\n" + "x".repeat(51), limits).detail())
                .isEqualTo("the check_in item is larger than the limit of 50 bytes");
        assertThat(rejected(HEADER + "\n{\"type\":\"attachment\"}\n" + "x".repeat(201), limits).detail())
                .isEqualTo("the attachment item is larger than the limit of 200 bytes");
        assertThat(rejected(HEADER + "\n{\"type\":\"client_report\",\"length\":81}\n", limits).detail())
                .isEqualTo("the client_report item is larger than the limit of 80 bytes");
        String sessions = "{\"type\":\"session\"}\n{}\n".repeat(3);
        assertThat(rejected(HEADER + "\n" + sessions, limits).detail()).isEqualTo("more than 2 session items in one envelope");
        assertThat(rejected(HEADER + "\n" + "{\"type\":\"attachment\"}\nx\n".repeat(6), limits).detail())
                .isEqualTo("more than 5 items in one envelope");
        assertThat(rejected("{\"x\":\"" + "y".repeat(2000) + "\"}", limits).detail())
                .isEqualTo("the envelope header is larger than the limit of 1000 bytes");
    }

    @Test
    void malformedEnvelopesAre400WithAClearDetail() {
        assertThat(rejected("").detail()).startsWith("empty envelope");
        assertThat(rejected("\n{\"type\":\"event\"}\n{}").detail()).startsWith("empty envelope");
        IngestException header = rejected("{not json\n");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.detail()).isEqualTo("invalid JSON in the envelope header");
        assertThat(header.causes()).isNotEmpty();
        assertThat(rejected("[1,2]\n").detail()).isEqualTo("the envelope header is not a JSON object");
        assertThat(rejected(HEADER + "\n{\"type\":\"event\",\n{}").detail()).isEqualTo("invalid JSON in the header of item 1");
        assertThat(rejected(HEADER + "\n{\"length\":2}\n{}").detail()).isEqualTo("the header of item 1 has no type");
        assertThat(rejected(HEADER + "\n{\"type\":\"event\",\"length\":-1}\n{}").detail()).contains("not a non-negative integer");
        assertThat(rejected(HEADER + "\n{\"type\":\"event\",\"length\":\"2\"}\n{}").status()).isEqualTo(400);
        assertThat(rejected(HEADER + "\n{\"type\":\"event\",\"length\":10}\n{}").detail())
                .isEqualTo("the envelope ends inside the event item: its length is 10 bytes, only 2 follow");
        assertThat(rejected(HEADER + "\n{\"type\":\"event\",\"length\":1}\n{}").detail()).contains("longer than its length");
        assertThat(rejected(HEADER + "\n{\"type\":\"event\"}\n{\"message\":").detail()).isEqualTo("invalid JSON in the event item");
        assertThat(rejected(HEADER + "\n{\"type\":\"transaction\"}\n[]").detail()).isEqualTo("the transaction item is not a JSON object");
        assertThat(rejected(HEADER + "\n{\"type\":\"feedback\"}\n{} {}").status()).isEqualTo(400);
    }

    @Test
    void invalidNonEventPayloadsAreKeptForTheRecordParsersToDrop() throws IOException {
        Envelope envelope = parse(HEADER + "\n{\"type\":\"session\"}\nnot json\n{\"type\":\"check_in\"}\n{");
        assertThat(envelope.items()).hasSize(2);
    }

    @Test
    void readsOneByteAtATime() throws IOException {
        String body = HEADER + "\n{\"type\":\"event\",\"length\":16}\n{\"message\":\"hi\"}\n{\"type\":\"session\"}\n{}";
        Envelope envelope = new EnvelopeParser(IngestLimits.defaults())
                .parse(new OneByteAtATime(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(envelope.items()).hasSize(2);
    }

    @Test
    void legacyStoreBodies() throws IOException {
        StoreParser store = new StoreParser(IngestLimits.defaults());
        String json = "{\"event_id\":\"9EC79C33-EC99-42AB-8353-589FCB2E04DC\",\"message\":\"old sdk\"}";
        Envelope plain = store.parse(new ByteArrayInputStream(("  " + json).getBytes(StandardCharsets.UTF_8)));
        assertThat(plain.header().eventId()).isEqualTo("9ec79c33ec9942ab8353589fcb2e04dc");
        assertThat(plain.items()).singleElement().extracting(EnvelopeItem::type).isEqualTo("event");

        java.io.ByteArrayOutputStream zlib = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.DeflaterOutputStream(zlib)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        byte[] encoded = java.util.Base64.getEncoder().encode(zlib.toByteArray());
        Envelope legacy = store.parse(new ByteArrayInputStream(encoded));
        assertThat(legacy.items().get(0).payloadText()).isEqualTo(json);

        Envelope transaction = store.parse(new ByteArrayInputStream("{\"type\":\"transaction\"}".getBytes()));
        assertThat(transaction.items().get(0).type()).isEqualTo("transaction");

        assertThatThrownBy(() -> store.parse(new ByteArrayInputStream("bm90IHpsaWI=".getBytes())))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> store.parse(new ByteArrayInputStream("%%%".getBytes())))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> store.parse(new ByteArrayInputStream(new byte[0])))
                .hasMessage("empty event body");
        assertThatThrownBy(() -> new StoreParser(new IngestLimits(1 << 20, 1 << 20, 10, 10, 10, 10, 1, 1, 100))
                .parse(new ByteArrayInputStream(json.getBytes())))
                .isInstanceOf(PayloadTooLargeException.class).hasMessage("the event is larger than the limit of 10 bytes");
    }

    /** {@code {"extra":{"x":[{},{},...]}}} of about {@code bytes}: the shape that turned 1 MB into a 30 MB tree. */
    static String emptyObjects(int bytes) {
        StringBuilder json = new StringBuilder(bytes + 32).append("{\"extra\":{\"x\":[{}");
        while (json.length() < bytes - 8) {
            json.append(",{}");
        }
        return json.append("]}}").toString();
    }

    @Test
    void aSecondEventOrTransactionIsRefusedBeforeItIsRead() {
        for (String second : new String[] {"event", "transaction"}) {
            IngestException e = rejected(HEADER + "\n{\"type\":\"event\"}\n{}\n{\"type\":\"" + second + "\"}\n{}\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).isEqualTo("item 2 is a second event or transaction: an envelope carries at most one;"
                    + " send each event in its own envelope");
        }
    }

    @Test
    void anEventOfTooManyJsonValuesIsRefusedWith413() {
        IngestException e = rejected(HEADER + "\n{\"type\":\"event\"}\n" + emptyObjects(1_000_000) + "\n");
        assertThat(e).isInstanceOf(PayloadTooLargeException.class);
        assertThat(e.detail()).isEqualTo("the event item holds more than " + IngestJson.MAX_TOKENS + " JSON values");
        // the same count of values as text is a normal event
        String fewValues = "{\"extra\":{\"x\":\"" + "{},".repeat(330_000) + "\"}}";
        assertThat(catchThrowable(() -> parse(HEADER + "\n{\"type\":\"event\"}\n" + fewValues + "\n"))).isNull();
    }

    @Test
    void itemsAreHandedToTheSinkOneAtATimeWithTheirBytesCharged() throws IOException {
        IngestMemory budget = new IngestMemory(1 << 20, 1 << 20);
        List<String> seen = new ArrayList<>();
        String body = HEADER + "\n{\"type\":\"attachment\",\"length\":3}\nabc\n{\"type\":\"session\"}\n{\"sid\":\"x\"}\n"
                + "{\"type\":\"span\"}\n{}\n";
        try (RequestMemory memory = budget.open(7)) {
            Map<String, Integer> skipped = new EnvelopeParser(IngestLimits.defaults()).parse(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), memory, new EnvelopeParser.Sink() {
                        @Override
                        public void header(EnvelopeHeader header) {
                            seen.add("header " + header.eventId());
                        }

                        @Override
                        public void item(EnvelopeItem item) {
                            seen.add(item.type() + " " + item.payloadText() + " held " + memory.held());
                        }
                    });
            assertThat(skipped).isEqualTo(Map.of("span", 1));
            long header = IngestJson.treeBytes(HEADER.length());
            assertThat(seen).containsExactly("header 9ec79c33ec9942ab8353589fcb2e04dc", "attachment abc held " + (header + 3),
                    "session {\"sid\":\"x\"} held " + (header + 3 + 11));
        }
        assertThat(budget.held()).isZero();
    }

    @Test
    void aPayloadThatDoesNotFitTheMemoryBudgetIsRefusedBeforeItIsBuffered() {
        IngestMemory budget = new IngestMemory(16384, 16384);
        String attachment = "x".repeat(20000);
        for (String header : new String[] {"{\"type\":\"attachment\",\"length\":20000}", "{\"type\":\"attachment\"}"}) {
            RequestMemory memory = budget.open(7);
            assertThatThrownBy(() -> new EnvelopeParser(IngestLimits.defaults()).parse(
                    new ByteArrayInputStream((HEADER + "\n" + header + "\n" + attachment).getBytes(StandardCharsets.UTF_8)), memory,
                    new EnvelopeParser.Sink() {
                        @Override
                        public void header(EnvelopeHeader h) {}

                        @Override
                        public void item(EnvelopeItem item) {
                            throw new AssertionError("an item larger than the budget was read");
                        }
                    })).isInstanceOfSatisfying(PayloadTooLargeException.class,
                    e -> assertThat(e.detail()).contains("memory this server gives one project's requests"));
            assertThat(memory.held()).isPositive().isLessThanOrEqualTo(16384);
            memory.close();
        }
        assertThat(budget.held()).isZero();
    }
}
