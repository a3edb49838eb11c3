package io.bugmaster.e2e;

import static io.bugmaster.e2e.RawSentry.auth;
import static io.bugmaster.e2e.RawSentry.envelope;
import static io.bugmaster.e2e.RawSentry.event;
import static io.bugmaster.e2e.RawSentry.headers;
import static io.bugmaster.e2e.RawSentry.newEventId;
import static io.bugmaster.e2e.RawSentry.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every way a Sentry client may send an event, by hand: auth forms, encodings, content types,
 * chunked bodies, event id forms, unknown items, CORS, and the refusals (auth, size, gzip bomb).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ProtocolMatrixSqliteTest extends EndToEndTest {
    E2eProject project;

    @BeforeEach
    void project() {
        project = newProject("other");
    }

    /** Sends a 200 and the event id back, and the event is stored. */
    private void assertAccepted(RawSentry.Reply reply, String eventId) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("id").asString()).as(reply.toString()).isEqualTo(StoredEvents.normalizeId(eventId));
        Poll.until(Duration.ofSeconds(30), "event " + eventId + " stored", () -> stored(project).events(),
                events -> events.stream().anyMatch(e -> StoredEvents.normalizeId(e.eventId()).equals(StoredEvents.normalizeId(eventId))));
    }

    private static void assertRefused(RawSentry.Reply reply, int... statuses) {
        assertThat(reply.status()).as(reply.toString()).isIn(java.util.Arrays.stream(statuses).boxed().toArray());
        assertThat(reply.header("X-Sentry-Error")).as("X-Sentry-Error of " + reply).isNotBlank();
        assertThat(reply.json().path("detail").asString()).as(reply.toString()).isNotBlank();
    }

    private byte[] envelopeOf(String eventId, String tag) {
        return envelope(eventId, event(eventId, "matrix " + tag, tag), null, true, true);
    }

    // --- auth forms ---

    @ParameterizedTest(name = "auth: {0}")
    @ValueSource(strings = {"x-sentry-auth with spaces", "x-sentry-auth without spaces", "x-sentry-auth with secret and timestamp",
            "authorization: sentry", "query string", "dsn in the envelope header"})
    void everyAuthFormIsAccepted(String form) {
        String id = newEventId();
        String key = project.publicKey();
        String url = project.envelopeUrl();
        Map<String, String> headers = headers("Content-Type", "application/x-sentry-envelope");
        byte[] body = envelopeOf(id, form);
        switch (form) {
            case "x-sentry-auth with spaces" -> headers.put("X-Sentry-Auth", auth(key));
            case "x-sentry-auth without spaces" -> headers.put("X-Sentry-Auth",
                    "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=" + key);
            case "x-sentry-auth with secret and timestamp" -> headers.put("X-Sentry-Auth",
                    "Sentry sentry_version=7, sentry_timestamp=1700000000, sentry_key=" + key + ", sentry_secret=whatever, sentry_client=old/1.0");
            case "authorization: sentry" -> headers.put("Authorization", auth(key));
            case "query string" -> url += "?sentry_version=7&sentry_key=" + key + "&sentry_client=sentry.javascript.node%2F11.11.0";
            case "dsn in the envelope header" -> body = envelope(id, event(id, "matrix dsn", "dsn"), project.dsn(), true, true);
            default -> throw new IllegalArgumentException(form);
        }
        assertAccepted(post(url, headers, body), id);
    }

    // --- encodings ---

    @ParameterizedTest(name = "Content-Encoding: [{0}]")
    @ValueSource(strings = {"gzip", "GZIP", "deflate", "Deflate", "br", "identity", "", "absent"})
    void everyContentEncodingIsAccepted(String encoding) throws IOException {
        String id = newEventId();
        byte[] plain = envelopeOf(id, "encoding " + encoding);
        Map<String, String> headers = headers("X-Sentry-Auth", auth(project.publicKey()), "Content-Type", "application/x-sentry-envelope");
        byte[] body = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "gzip" -> RawSentry.gzip(plain);
            case "deflate" -> RawSentry.deflate(plain);
            case "br" -> brotli(plain);
            default -> plain;
        };
        if (!encoding.equals("absent")) {
            headers.put("Content-Encoding", encoding);
        }
        assertAccepted(post(project.envelopeUrl(), headers, body), id);
    }

    /** Brotli by node's zlib (the JDK has no brotli encoder). */
    private static byte[] brotli(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("e2e-br");
        Path in = Files.write(dir.resolve("in"), data);
        Path out = dir.resolve("out");
        NodeTools.Result result = NodeTools.run(dir, 30, NodeTools.node(), "-e",
                "const z=require('zlib'),f=require('fs');f.writeFileSync(process.argv[2],z.brotliCompressSync(f.readFileSync(process.argv[1])))",
                in.toString(), out.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        return Files.readAllBytes(out);
    }

    // --- content types, chunked, envelope shapes, event ids ---

    @ParameterizedTest(name = "Content-Type: [{0}]")
    @ValueSource(strings = {"application/x-sentry-envelope", "application/json", "text/plain;charset=UTF-8", "absent"})
    void everyContentTypeIsAccepted(String contentType) {
        String id = newEventId();
        Map<String, String> headers = headers("X-Sentry-Auth", auth(project.publicKey()));
        if (!contentType.equals("absent")) {
            headers.put("Content-Type", contentType);
        }
        assertAccepted(post(project.envelopeUrl(), headers, envelopeOf(id, "type " + contentType)), id);
    }

    @Test
    void aChunkedUploadWithoutLengthIsAccepted() {
        String id = newEventId();
        byte[] body = envelope(id, event(id, "chunked", "chunked"), null, false, false);
        RawSentry.Reply reply = RawSentry.send("POST", project.envelopeUrl() + "?sentry_key=" + project.publicKey() + "&sentry_version=7",
                headers(), body, true);
        assertAccepted(reply, id);
    }

    @Test
    void aGzippedChunkedUploadAsNodeSendsItIsAccepted() {
        String id = newEventId();
        byte[] body = RawSentry.gzip(envelope(id, event(id, "chunked gzip", "chunked-gzip"), null, false, false));
        RawSentry.Reply reply = RawSentry.send("POST", project.envelopeUrl() + "?sentry_key=" + project.publicKey() + "&sentry_version=7",
                headers("content-encoding", "gzip"), body, true);
        assertAccepted(reply, id);
    }

    @Test
    void aHyphenatedEventIdIsAcceptedAndAnsweredWithoutHyphens() {
        String id = java.util.UUID.randomUUID().toString();
        assertThat(id).hasSize(36);
        RawSentry.Reply reply = post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())), envelopeOf(id, "uuid"));
        assertAccepted(reply, id);
        assertThat(reply.json().path("id").asString()).hasSize(32);
    }

    @Test
    void unknownItemTypesAreSkippedNotRejected() {
        String id = newEventId();
        String eventJson = event(id, "with unknown items", "unknown");
        String body = "{\"event_id\":\"" + id + "\"}\n"
                + "{\"type\":\"bugmaster_future_item\",\"length\":13}\n{\"hello\":\"x\"}\n"
                + "{\"type\":\"statsd\"}\nfoo:1|c\n"
                + "{\"type\":\"event\"}\n" + eventJson + "\n"
                + "{\"type\":\"another_unknown\",\"content_type\":\"application/octet-stream\"}\n\u0001\u0002binary";
        assertAccepted(post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())),
                body.getBytes(StandardCharsets.UTF_8)), id);
    }

    @Test
    void anEnvelopeWithoutEventIsAnsweredWithAnEmptyObject() {
        String body = "{}\n{\"type\":\"client_report\"}\n{\"timestamp\":1700000000,\"discarded_events\":[]}\n";
        RawSentry.Reply reply = post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().isObject()).isTrue();
        assertThat(reply.json().has("id")).as(reply.toString()).isFalse();
    }

    @Test
    void theLegacyStoreEndpointTakesAPlainJsonEvent() {
        String id = newEventId();
        RawSentry.Reply reply = post(project.storeUrl(), headers("X-Sentry-Auth", auth(project.publicKey()), "Content-Type",
                "application/json"), event(id, "via store", "store").getBytes(StandardCharsets.UTF_8));
        assertAccepted(reply, id);
    }

    // --- CORS ---

    @Test
    void aCorsPreflightIsAnsweredWithTheAllowedHeaders() {
        RawSentry.Reply reply = RawSentry.send("OPTIONS", project.envelopeUrl(), headers("Origin", "http://shop.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-sentry-auth,content-type,content-encoding"), null, false);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).as(reply.toString()).isIn("*", "http://shop.example.com");
        String allowHeaders = String.valueOf(reply.header("Access-Control-Allow-Headers")).toLowerCase(Locale.ROOT);
        if (!allowHeaders.equals("*")) {
            assertThat(allowHeaders).as(reply.toString()).contains("x-sentry-auth", "content-type", "content-encoding");
        }
        assertThat(String.valueOf(reply.header("Access-Control-Allow-Methods"))).as(reply.toString()).contains("POST");
    }

    @Test
    void aSimpleCrossOriginPostGetsAnAllowOrigin() {
        String id = newEventId();
        RawSentry.Reply reply = post(project.envelopeUrl() + "?sentry_key=" + project.publicKey() + "&sentry_version=7",
                headers("Origin", "http://shop.example.com", "Content-Type", "text/plain;charset=UTF-8"), envelopeOf(id, "cors"));
        assertAccepted(reply, id);
        assertThat(reply.header("Access-Control-Allow-Origin")).as(reply.toString()).isIn("*", "http://shop.example.com");
    }

    // --- refusals ---

    @Test
    void noAuthIsRefused() {
        assertRefused(post(project.envelopeUrl(), headers(), envelopeOf(newEventId(), "no auth")), 401, 403);
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertRefused(post(project.envelopeUrl(), headers("X-Sentry-Auth", auth("0123456789abcdef0123456789abcdef")),
                envelopeOf(newEventId(), "wrong key")), 401, 403);
    }

    @Test
    void theKeyOfAnotherProjectIsForbidden() {
        E2eProject other = newProject("other");
        assertRefused(post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(other.publicKey())),
                envelopeOf(newEventId(), "other project")), 403);
    }

    @Test
    void aDisabledKeyIsForbidden() {
        projects.updateKey(project.tenant().owner(), project.tenant().org().slug(), project.slug(), project.publicKey(), null, false,
                null);
        assertRefused(post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())),
                envelopeOf(newEventId(), "disabled")), 403);
    }

    @Test
    void anEventItemOverOneMegabyteIsTooLarge() {
        String id = newEventId();
        String big = "{\"event_id\":\"" + id + "\",\"message\":\"big\",\"extra\":{\"blob\":\"" + "y".repeat(1_200_000) + "\"}}";
        RawSentry.Reply reply = post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())),
                envelope(id, big, null, true, true));
        assertRefused(reply, 413);
    }

    @Test
    void aGzipBombIsRefusedWithoutInflatingIt() throws IOException {
        // 200 MB of zeros after a valid envelope start: about 200 KB compressed, over every decompressed limit
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        String id = newEventId();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed, 1 << 16)) {
            gz.write(("{\"event_id\":\"" + id + "\"}\n{\"type\":\"attachment\",\"filename\":\"zeros.bin\"}\n").getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                gz.write(zeros);
            }
        }
        assertThat(compressed.size()).isLessThan(1 << 20);
        RawSentry.Reply reply = post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey()), "Content-Encoding", "gzip"),
                compressed.toByteArray());
        assertRefused(reply, 413);
        // refused while streaming, at the item's limit: no more than 20 of the 200 MB were inflated
        assertThat(reply.json().path("detail").asString()).as(reply.toString())
                .isEqualTo("the attachment item is larger than the limit of 20971520 bytes");
        // and the server is fine afterwards
        String next = newEventId();
        assertAccepted(post(project.envelopeUrl(), headers("X-Sentry-Auth", auth(project.publicKey())), envelopeOf(next, "after bomb")), next);
    }
}
