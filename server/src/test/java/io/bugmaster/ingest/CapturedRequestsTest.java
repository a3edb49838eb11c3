package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every request the real SDKs sent (shared/fixtures) goes through the whole parsing layer. */
class CapturedRequestsTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-21T04:36:30Z");
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static Map<String, CapturedRequests.Request> requests;

    @BeforeAll
    static void load() throws IOException {
        requests = CapturedRequests.all().stream().collect(Collectors.toMap(
                r -> r.file().replace("-envelope.txt", "") + " " + r.name().replace(" (truncated)", ""), Function.identity()));
    }

    private static IngestRequestReader.Result read(CapturedRequests.Request request) throws IOException {
        return new IngestRequestReader(IngestLimits.defaults()).read(IngestRequestReader.Endpoint.ENVELOPE, "42",
                request.header("x-sentry-auth"), request.header("authorization"), request.header("content-encoding"),
                request.rawQuery(), new ByteArrayInputStream(request.wireBody()));
    }

    private static ProcessedEnvelope process(String name) throws IOException {
        IngestRequestReader.Result result = read(requests.get(name));
        assertThat(result).as(name).isInstanceOf(IngestRequestReader.Parsed.class);
        IngestRequestReader.Parsed parsed = (IngestRequestReader.Parsed) result;
        assertThat(parsed.auth().publicKey()).isEqualTo(KEY);
        return EnvelopeProcessor.process(parsed.envelope(), RECEIVED, "198.51.100.7", ScrubbingSettings.defaults());
    }

    @Test
    void theCapturesHoldEightRequests() {
        assertThat(requests).containsOnlyKeys("java request 002", "java request 003", "java request 004",
                "node request 001", "node request 002", "node request 003", "node request 004", "node request 006");
        assertThat(requests.get("java request 002").wireBody()).isNotEqualTo(requests.get("java request 002").decodedBody());
    }

    @Test
    void javaExceptionEventAuthenticatedByHeaderWithoutSpaces() throws IOException {
        IngestRequestReader.Parsed parsed = (IngestRequestReader.Parsed) read(requests.get("java request 002"));
        assertThat(parsed.auth().source()).isEqualTo(SentryAuth.Source.X_SENTRY_AUTH);
        assertThat(parsed.auth().client()).isEqualTo("sentry.java/8.62.0");

        ProcessedEnvelope processed = process("java request 002");
        assertThat(processed.responseId()).isEqualTo("17bee092f18d421bb2e1a0138ea8f9b6");
        assertThat(processed.events()).hasSize(1);
        NormalizedEvent event = processed.events().get(0);
        assertThat(event.eventId()).isEqualTo("17bee092f18d421bb2e1a0138ea8f9b6");
        assertThat(event.platform()).isEqualTo("java");
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.environment()).isEqualTo("feas");
        assertThat(event.release()).isEqualTo("probe@1.0.0");
        assertThat(event.serverName()).isEqualTo("localhost");
        assertThat(event.fingerprint()).as("an empty fingerprint means the default").isNull();
        assertThat(event.tags()).containsExactly(new NormalizedEvent.Tag("probe", "java"));
        assertThat(event.user().id()).isEqualTo("u1");
        assertThat(event.user().email()).isEqualTo("u1@example.com");
        assertThat(event.sdkName()).isEqualTo("sentry.java");
        assertThat(event.exceptions()).hasSize(1);
        NormalizedEvent.ExceptionValue exception = event.exceptions().get(0);
        assertThat(exception.type()).isEqualTo("NumberFormatException");
        assertThat(exception.value()).isEqualTo("For input string: \"boom\"");
        assertThat(exception.module()).isEqualTo("java.lang");
        assertThat(exception.mechanism().type()).isEqualTo("chained");
        assertThat(exception.frames()).hasSize(4);
        assertThat(exception.frames().get(0).function()).isEqualTo("main");
        assertThat(exception.frames().get(3).function()).isEqualTo("forInputString");
        assertThat(exception.frames().get(3).lineno()).isEqualTo(67);
        // SDK clock and server clock within a minute: the event keeps its own time.
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-21T04:35:57.337Z"));
        assertThat(event.payload().path("breadcrumbs").path("values").get(0).path("message").stringValue()).isEqualTo("before boom");
    }

    @Test
    void javaMessageEventHasALogentry() throws IOException {
        NormalizedEvent event = process("java request 003").events().get(0);
        assertThat(event.logentry().formatted()).isEqualTo("hello from java probe");
        assertThat(event.exceptions()).isEmpty();
        assertThat(event.payload().has("message")).isFalse();
    }

    @Test
    void javaTransactionIsKeptApartFromEvents() throws IOException {
        ProcessedEnvelope processed = process("java request 004");
        assertThat(processed.events()).isEmpty();
        assertThat(processed.transactions()).hasSize(1);
        assertThat(processed.transactions().get(0).transaction()).isEqualTo("probe-tx");
        assertThat(processed.responseId()).isEqualTo("9bfec95c2b9f447d93879a834c4195da");
    }

    @Test
    void nodeSpanV2IsSkippedAndCounted() throws IOException {
        IngestRequestReader.Parsed parsed = (IngestRequestReader.Parsed) read(requests.get("node request 001"));
        assertThat(parsed.auth().source()).isEqualTo(SentryAuth.Source.QUERY_STRING);
        assertThat(parsed.auth().client()).isEqualTo("sentry.javascript.node/11.11.0");
        assertThat(parsed.envelope().items()).isEmpty();
        assertThat(parsed.envelope().skippedTypes()).containsExactly(Map.entry("span", 1));
        ProcessedEnvelope processed = process("node request 001");
        assertThat(processed.responseId()).isNull();
    }

    @Test
    void nodeSessionIsParsed() throws IOException {
        ProcessedEnvelope processed = process("node request 002");
        assertThat(processed.sessions()).singleElement().satisfies(session -> {
            assertThat(session.sid()).isEqualTo("b7f3b4776fc14cc8939a911ffcd1c528");
            assertThat(session.did()).isEqualTo("u1");
            assertThat(session.status()).isEqualTo("ok");
            assertThat(session.errors()).isEqualTo(1);
            assertThat(session.init()).isTrue();
            assertThat(session.release()).isEqualTo("probe@1.0.0");
            assertThat(session.environment()).isEqualTo("feas");
            assertThat(session.started()).isEqualTo(Instant.parse("2026-11-21T04:36:40.762Z"));
        });
        assertThat(processed.dropped()).isEmpty();
    }

    @Test
    void nodeExceptionEvent() throws IOException {
        NormalizedEvent event = process("node request 003").events().get(0);
        assertThat(event.platform()).isEqualTo("node");
        assertThat(event.exceptions()).isNotEmpty();
        NormalizedEvent.ExceptionValue last = event.exceptions().get(event.exceptions().size() - 1);
        assertThat(last.type()).isEqualTo("SyntaxError");
        assertThat(last.mechanism().handled()).isTrue();
        assertThat(last.frames()).isNotEmpty().hasSizeLessThanOrEqualTo(EventNormalizer.MAX_FRAMES);
        assertThat(event.payload().path("breadcrumbs").path("values").size()).isLessThanOrEqualTo(EventNormalizer.MAX_BREADCRUMBS);
        // node sends level "log" on breadcrumbs: normalized to info
        event.payload().path("breadcrumbs").path("values")
                .forEach(crumb -> assertThat(crumb.path("level").stringValue()).isIn("fatal", "error", "warning", "info", "debug"));
    }

    @Test
    void nodeMessageEvent() throws IOException {
        NormalizedEvent event = process("node request 004").events().get(0);
        assertThat(event.level()).isEqualTo("info");
        assertThat(event.logentry().formatted()).isEqualTo("hello from node probe");
    }

    @Test
    void theCutOffGzipCaptureIsRefusedAsInvalidJson() throws IOException {
        // request 006 holds only the first 1500 of 63296 bytes: its event is cut mid-JSON.
        IngestRequestReader.Result result = read(requests.get("node request 006"));
        assertThat(result).isInstanceOfSatisfying(IngestRequestReader.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(400);
            assertThat(rejected.detail()).contains("event");
        });
    }

    @Test
    void everyCaptureIsReadEvenOneByteAtATime() throws IOException {
        for (CapturedRequests.Request request : requests.values()) {
            EnvelopeParser parser = new EnvelopeParser(IngestLimits.defaults());
            var decoded = BodyDecoder.decode(request.header("content-encoding"),
                    new OneByteAtATime(request.wireBody()), IngestLimits.defaults());
            if (request.truncated()) {
                continue;
            }
            Envelope envelope = parser.parse(decoded);
            assertThat(envelope.items().size() + envelope.skippedCount()).as(request.toString()).isEqualTo(1);
            List<String> kinds = envelope.items().stream().map(EnvelopeItem::type).toList();
            assertThat(kinds).allMatch(ItemTypes::isKept);
        }
    }
}
