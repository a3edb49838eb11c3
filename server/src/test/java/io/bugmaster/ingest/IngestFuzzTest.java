package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the ingest layer through its one public entry point, {@link IngestRequestReader#read}:
 * body decoding, the envelope and store parsers, and every item type (events, attachments,
 * sessions, check-ins). Whatever the bytes, a request is parsed or rejected with a 4xx and a
 * detail, what is kept stays within the (small, here) limits, and the same bytes give the same
 * answer. Seeds: src/test/resources/io/bugmaster/ingest/IngestFuzzTestInputs/; a normal test run
 * replays them, {@code JAZZER_FUZZ=1} (benchmarks/run-fuzz.sh) searches for new ones.
 */
class IngestFuzzTest {
    private static final IngestLimits SMALL = new IngestLimits(4096, 16384, 2048, 512, 4096, 1024, 3, 8, 1024);
    private static final List<String> ENCODINGS = List.of("", "identity", "gzip", "deflate", "br", "zstd", "GZIP", "compress", "x-gzip");

    /** Reads one request; fails on anything but a Parsed or a 4xx Rejected within the limits. */
    private static IngestRequestReader.Result read(IngestRequestReader.Endpoint endpoint, String encoding, String auth, byte[] body) {
        IngestRequestReader.Result result;
        try {
            result = new IngestRequestReader(SMALL).read(endpoint, "42", auth, null, encoding, null, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new AssertionError("a byte array never fails to read", e);
        }
        if (result instanceof IngestRequestReader.Rejected rejected) {
            assertThat(rejected.status()).isBetween(400, 499);
            assertThat(rejected.detail()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
            assertThat(rejected.causes()).hasSizeLessThanOrEqualTo(20);
            return result;
        }
        Envelope envelope = ((IngestRequestReader.Parsed) result).envelope();
        assertThat(envelope.items().size()).isLessThanOrEqualTo(SMALL.maxKeptItems());
        long sessions = envelope.items().stream().filter(i -> i.type().equals("session") || i.type().equals("sessions")).count();
        assertThat(sessions).isLessThanOrEqualTo(SMALL.maxSessionItems());
        for (EnvelopeItem item : envelope.items()) {
            assertThat(item.payload().length).as(item.type()).isLessThanOrEqualTo(SMALL.maxItemBytes(item.type()));
        }
        return result;
    }

    /** Reading the same request twice gives the same answer: parsing depends on the bytes alone. */
    private static void readTwiceAlike(IngestRequestReader.Endpoint endpoint, String encoding, String auth, byte[] body) {
        IngestRequestReader.Result first = read(endpoint, encoding, auth, body);
        IngestRequestReader.Result second = read(endpoint, encoding, auth, body);
        assertThat(summary(second)).isEqualTo(summary(first));
    }

    private static String summary(IngestRequestReader.Result result) {
        if (result instanceof IngestRequestReader.Rejected r) {
            return r.status() + " " + r.detail() + " " + r.causes();
        }
        IngestRequestReader.Parsed parsed = (IngestRequestReader.Parsed) result;
        StringBuilder out = new StringBuilder(String.valueOf(parsed.auth().publicKey()));
        for (EnvelopeItem item : parsed.envelope().items()) {
            out.append('|').append(item.type()).append(':').append(Arrays.hashCode(item.payload()));
        }
        return out.append(parsed.envelope().skippedTypes()).toString();
    }

    /** Envelopes with the key in the header, as browser SDKs send them. */
    @FuzzTest(maxDuration = "10m")
    void envelope(byte[] body) {
        readTwiceAlike(IngestRequestReader.Endpoint.ENVELOPE, null, null, body);
    }

    /** The legacy store endpoint: one JSON event, the key in X-Sentry-Auth. */
    @FuzzTest(maxDuration = "10m")
    void store(byte[] body) {
        readTwiceAlike(IngestRequestReader.Endpoint.STORE, null, "Sentry sentry_key=abc, sentry_version=7", body);
    }

    /** Envelopes sent gzipped, cut short by up to 40 bytes as a dropped connection would. */
    @FuzzTest(maxDuration = "10m")
    void gzippedEnvelope(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 40);
        byte[] gzip = gzip(data.consumeRemainingAsBytes());
        readTwiceAlike(IngestRequestReader.Endpoint.ENVELOPE, "gzip", null, Arrays.copyOf(gzip, Math.max(0, gzip.length - cut)));
    }

    /** Arbitrary bytes under every Content-Encoding, known or not: decoders refuse garbage with a 4xx. */
    @FuzzTest(maxDuration = "10m")
    void anyEncoding(FuzzedDataProvider data) {
        String encoding = data.pickValue(ENCODINGS);
        IngestRequestReader.Endpoint endpoint = data.consumeBoolean() ? IngestRequestReader.Endpoint.STORE : IngestRequestReader.Endpoint.ENVELOPE;
        readTwiceAlike(endpoint, encoding, "Sentry sentry_key=abc", data.consumeRemainingAsBytes());
    }

    @Test
    void theRichestSeedIsAValidEnvelopeThatKeepsEveryItemType() throws IOException {
        try (InputStream in = IngestFuzzTest.class.getResourceAsStream("IngestFuzzTestInputs/envelope/all-item-types")) {
            byte[] seed = in.readAllBytes();
            IngestRequestReader.Result result = read(IngestRequestReader.Endpoint.ENVELOPE, null, null, seed);
            assertThat(result).isInstanceOf(IngestRequestReader.Parsed.class);
            assertThat(((IngestRequestReader.Parsed) result).envelope().items()).extracting(EnvelopeItem::type)
                    .containsExactly("event", "attachment", "session", "check_in");
        }
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
