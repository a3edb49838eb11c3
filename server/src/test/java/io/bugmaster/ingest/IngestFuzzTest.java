package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the bytes, the parsing layer either succeeds or throws its own {@link IngestException}
 * with a 4xx status, and never holds more than its (small, here) limits allow.
 */
class IngestFuzzTest {
    private static final IngestLimits SMALL = new IngestLimits(4096, 16384, 2048, 512, 4096, 1024, 3, 8, 1024);
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final String VALID = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"sent_at\":\"2026-11-21T12:00:00Z\"}\n"
            + "{\"type\":\"event\",\"length\":57}\n{\"message\":\"m\",\"tags\":[[\"a\",\"b\"]],\"level\":\"warn\",\"x\":[1]}\n"
            + "{\"type\":\"attachment\",\"filename\":\"f\"}\nabc\n"
            + "{\"type\":\"session\"}\n{\"sid\":\"s\",\"started\":\"2026-11-21T11:00:00Z\",\"attrs\":{\"release\":\"r\"}}\n"
            + "{\"type\":\"span\"}\n{}\n"
            + "{\"type\":\"check_in\"}\n{\"check_in_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"monitor_slug\":\"j\",\"status\":\"ok\"}";

    /** Runs the whole layer; returns normally or with a 4xx IngestException, anything else fails the property. */
    private static void runWholeLayer(String encoding, byte[] body) {
        IngestRequestReader.Result result;
        try {
            result = new IngestRequestReader(SMALL).read(IngestRequestReader.Endpoint.ENVELOPE, "42",
                    "Sentry sentry_key=abc", null, encoding, null, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new AssertionError("a byte array never fails to read", e);
        }
        if (result instanceof IngestRequestReader.Rejected rejected) {
            assertThat(rejected.status()).isBetween(400, 499);
            assertThat(rejected.detail()).isNotBlank();
            return;
        }
        Envelope envelope = ((IngestRequestReader.Parsed) result).envelope();
        assertThat(envelope.items().size()).isLessThanOrEqualTo(SMALL.maxKeptItems());
        for (EnvelopeItem item : envelope.items()) {
            assertThat(item.payload().length).isLessThanOrEqualTo(SMALL.maxItemBytes(item.type()));
        }
        ProcessedEnvelope processed = EnvelopeProcessor.process(envelope, NOW, "127.0.0.1", ScrubbingSettings.defaults());
        for (NormalizedEvent event : processed.events()) {
            assertThat(event.eventId()).matches("[0-9a-f]{32}");
            assertThat(event.level()).isIn("fatal", "error", "warning", "info", "debug");
            assertThat(event.timestamp()).isBeforeOrEqualTo(NOW.plusSeconds(60));
        }
    }

    @Property(tries = 400)
    void randomBytes(@ForAll @Size(max = 3000) byte[] body, @ForAll("encodings") String encoding) {
        runWholeLayer(encoding, body);
    }

    @Property(tries = 600)
    void mutatedValidEnvelopes(@ForAll("mutations") byte[] body) {
        runWholeLayer(null, body);
    }

    @Property(tries = 200)
    void mutatedValidEnvelopesGzipped(@ForAll("mutations") byte[] body, @ForAll("cuts") int cut) throws IOException {
        byte[] gzip = BodyDecoderTest.gzip(body);
        runWholeLayer("gzip", java.util.Arrays.copyOf(gzip, Math.max(0, gzip.length - cut)));
    }

    @Property(tries = 400)
    void randomJsonEventsNormalize(@ForAll("json") String json) {
        JsonNode node;
        try {
            node = IngestJson.MAPPER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            return;
        }
        NormalizedEvent event = EventNormalizer.normalize(node, "event", null, NOW, null, ScrubbingSettings.defaults());
        assertThat(event.payload().isObject()).isTrue();
        runWholeLayer(null, ("{}\n{\"type\":\"event\"}\n" + json.replace('\n', ' ')).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of(null, "", "identity", "gzip", "deflate", "br", "zstd", "GZIP", "compress");
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 40));
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Arbitrary<int[]> edit = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.integers().between(0, 255)).as((kind, at, value) -> new int[] {kind, at, value});
        return edit.list().ofMaxSize(8).map(edits -> {
            byte[] out = valid.clone();
            for (int[] e : edits) {
                int at = Math.min(e[1], Math.max(0, out.length - 1));
                switch (e[0]) {
                    case 0 -> { if (out.length > 0) out[at] = (byte) e[2]; }
                    case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                    case 2 -> { // delete one byte
                        if (out.length > 0) {
                            byte[] shorter = new byte[out.length - 1];
                            System.arraycopy(out, 0, shorter, 0, at);
                            System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                            out = shorter;
                        }
                    }
                    default -> { // insert a structural byte
                        byte[] chars = "\n{}[]\":,0 ".getBytes();
                        byte[] longer = new byte[out.length + 1];
                        System.arraycopy(out, 0, longer, 0, at);
                        longer[at] = chars[e[2] % chars.length];
                        System.arraycopy(out, at, longer, at + 1, out.length - at);
                        out = longer;
                    }
                }
            }
            return out;
        });
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> keys = Arbitraries.of("message", "logentry", "exception", "values", "stacktrace", "frames", "tags",
                "breadcrumbs", "user", "request", "headers", "cookies", "query_string", "data", "contexts", "extra", "level",
                "timestamp", "event_id", "fingerprint", "release", "environment", "platform", "password", "vars", "params",
                "formatted", "in_app", "lineno", "mechanism", "handled", "threads", "sdk", "modules", "ip_address", "url");
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> IngestJson.MAPPER.writeValueAsString(s)),
                Arbitraries.of("null", "true", "false", "0", "-1", "1e308", "1795235757.4", "\"4111 1111 1111 1111\"",
                        "\"2026-11-21T11:00:00Z\"", "\"{{auto}}\"", "\"warn\"", "\"%s %s\"", "12345678901234567890"));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]"),
                Combinators.combine(keys, inner).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(4)
                        .map(list -> "{" + String.join(",", list) + "}")), 6)
                .filter(s -> s.startsWith("{") || s.startsWith("["));
    }

    @Property(tries = 50)
    void deeplyNestedJsonIsRefusedNotACrash(@ForAll("depths") int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        runWholeLayer(null, ("{}\n{\"type\":\"event\"}\n{\"extra\":" + nested + "}").getBytes(StandardCharsets.UTF_8));
        runWholeLayer(null, ("{}\n{\"type\":\"session\"}\n{\"sid\":" + nested + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 1000);
    }

    @Property(tries = 1)
    void theValidEnvelopeIsValid() throws IOException {
        Envelope envelope = new EnvelopeParser(SMALL).parse(new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)));
        assertThat(envelope.items()).extracting(EnvelopeItem::type).isEqualTo(List.of("event", "attachment", "session", "check_in"));
    }
}
