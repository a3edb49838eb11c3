package io.bugmaster.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;

/** The Sentry ingestion protocol spoken by hand (java.net.http), as PROTOCOLS.md section 1 describes it. */
final class RawSentry {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private RawSentry() {}

    static String newEventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A minimal error event as JSON. */
    static String event(String eventId, String message, String tag) {
        return "{\"event_id\":\"" + eventId + "\",\"timestamp\":" + Instant.now().getEpochSecond()
                + ",\"platform\":\"other\",\"level\":\"error\",\"message\":\"" + message + "\",\"tags\":{\"case\":\"" + tag + "\"}}";
    }

    /** An envelope with one event item; {@code dsn} (may be null) goes into the envelope header. */
    static byte[] envelope(String eventId, String eventJson, String dsn, boolean withLength, boolean trailingNewline) {
        StringBuilder s = new StringBuilder("{\"event_id\":\"").append(eventId).append("\",\"sent_at\":\"").append(Instant.now())
                .append('"');
        if (dsn != null) {
            s.append(",\"dsn\":\"").append(dsn).append('"');
        }
        s.append("}\n");
        byte[] payload = eventJson.getBytes(StandardCharsets.UTF_8);
        s.append("{\"type\":\"event\"");
        if (withLength) {
            s.append(",\"length\":").append(payload.length);
        }
        s.append("}\n").append(eventJson);
        if (trailingNewline) {
            s.append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** zlib format, which is what HTTP's "deflate" means. */
    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String auth(String publicKey) {
        return "Sentry sentry_version=7, sentry_client=bugmaster-e2e/1.0, sentry_key=" + publicKey;
    }

    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return StoredEvents.JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + body;
        }
    }

    /** A request; {@code chunked} streams the body without a length (Transfer-Encoding: chunked). */
    static Reply send(String method, String url, Map<String, String> headers, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).method(method, publisher);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply post(String url, Map<String, String> headers, byte[] body) {
        return send("POST", url, headers, body, false);
    }

    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
