package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    private static final byte[] BODY = "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"event\"}\n{\"message\":\"hi\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] readAll(String encoding, InputStream body, IngestLimits limits) throws IOException {
        return BodyDecoder.decode(encoding, body, limits).readAllBytes();
    }

    private static byte[] readAll(String encoding, byte[] body) throws IOException {
        return readAll(encoding, new ByteArrayInputStream(body), IngestLimits.defaults());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean zlibWrapped) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(6, !zlibWrapped))) {
            deflate.write(data);
        }
        return out.toByteArray();
    }

    /**
     * A valid brotli stream made of uncompressed meta-blocks (RFC 7932 section 9.2); org.brotli:dec
     * has no encoder, and this exercises the same decoder path.
     */
    static byte[] brotliStored(byte[] data) {
        BitWriter bits = new BitWriter();
        bits.write(0, 1); // WBITS = 16
        for (int off = 0; off < data.length; off += 65536) {
            int len = Math.min(65536, data.length - off);
            bits.write(0, 1); // ISLAST = 0
            bits.write(0, 2); // MNIBBLES = 4
            bits.write(len - 1, 16); // MLEN - 1
            bits.write(1, 1); // ISUNCOMPRESSED
            bits.alignToByte();
            for (int i = 0; i < len; i++) {
                bits.write(data[off + i] & 0xff, 8);
            }
        }
        bits.write(1, 1); // ISLAST
        bits.write(1, 1); // ISLASTEMPTY
        bits.alignToByte();
        return bits.out.toByteArray();
    }

    private static final class BitWriter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int current;
        int count;

        void write(int value, int n) {
            for (int i = 0; i < n; i++) {
                current |= ((value >>> i) & 1) << count;
                if (++count == 8) {
                    out.write(current);
                    current = 0;
                    count = 0;
                }
            }
        }

        void alignToByte() {
            if (count > 0) {
                write(0, 8 - count);
            }
        }
    }

    private static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream zstd = new ZstdOutputStream(out)) {
            zstd.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void identityEmptyAndAbsentPassTheBodyThrough() throws IOException {
        assertThat(readAll(null, BODY)).isEqualTo(BODY);
        assertThat(readAll("", BODY)).isEqualTo(BODY);
        assertThat(readAll("identity", BODY)).isEqualTo(BODY);
        assertThat(readAll(" IDENTITY ", BODY)).isEqualTo(BODY);
    }

    @Test
    void gzipInAnyLetterCase() throws IOException {
        for (String encoding : new String[] {"gzip", "GZIP", "Gzip", "x-gzip"}) {
            assertThat(readAll(encoding, gzip(BODY))).as(encoding).isEqualTo(BODY);
        }
    }

    @Test
    void deflateAsZlibAndAsRawDeflate() throws IOException {
        assertThat(readAll("deflate", deflate(BODY, true))).isEqualTo(BODY);
        assertThat(readAll("DEFLATE", deflate(BODY, false))).isEqualTo(BODY);
    }

    @Test
    void brotli() throws IOException {
        assertThat(readAll("br", brotliStored(BODY))).isEqualTo(BODY);
        byte[] big = new byte[150_000];
        Arrays.fill(big, (byte) 'x');
        assertThat(readAll("BR", brotliStored(big))).isEqualTo(big);
    }

    @Test
    void zstd() throws IOException {
        assertThat(readAll("zstd", zstd(BODY))).isEqualTo(BODY);
        assertThat(readAll("ZSTD", zstd(BODY))).isEqualTo(BODY);
    }

    @Test
    void stackedEncodingsAreUndoneRightToLeft() throws IOException {
        assertThat(readAll("deflate, gzip", gzip(deflate(BODY, true)))).isEqualTo(BODY);
    }

    @Test
    void oneByteAtATimeLikeAChunkedUpload() throws IOException {
        for (String encoding : new String[] {null, "gzip", "deflate", "zstd"}) {
            byte[] wire = encoding == null ? BODY : encoding.equals("gzip") ? gzip(BODY)
                    : encoding.equals("deflate") ? deflate(BODY, true) : zstd(BODY);
            assertThat(readAll(encoding, new OneByteAtATime(wire), IngestLimits.defaults())).as(encoding).isEqualTo(BODY);
        }
    }

    @Test
    void unknownEncodingIs415BeforeReadingAnything() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read before refusing the encoding");
            }
        };
        assertThatThrownBy(() -> BodyDecoder.decode("compress", untouchable, IngestLimits.defaults()))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.detail()).contains("compress", "gzip, deflate, br, zstd");
                });
    }

    @Test
    void truncatedOrCorruptBodiesAre400() throws IOException {
        byte[] gzip = gzip(BODY);
        for (byte[] bad : new byte[][] {Arrays.copyOf(gzip, gzip.length / 2), Arrays.copyOf(gzip, 5), new byte[0], "not gzip".getBytes()}) {
            assertThatThrownBy(() -> readAll("gzip", bad)).isInstanceOfSatisfying(IngestException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
        byte[] zlib = deflate(BODY, true);
        assertThatThrownBy(() -> readAll("deflate", Arrays.copyOf(zlib, zlib.length - 6)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> readAll("br", "garbage that is not brotli at all".getBytes()))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> readAll("zstd", "garbage that is not zstd".getBytes()))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aFailingClientStreamStaysAnIOException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> readAll("gzip", broken, IngestLimits.defaults())).isExactlyInstanceOf(IOException.class);
    }

    @Test
    void compressedLimit() {
        IngestLimits limits = new IngestLimits(1000, 100_000, 1000, 1000, 1000, 1000, 10, 10, 1000);
        assertThatThrownBy(() -> readAll(null, new ByteArrayInputStream(new byte[1001]), limits))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.limit()).isEqualTo(1000);
                });
        assertThat(new byte[0]).isEmpty();
    }

    @Test
    void exactlyAtTheLimitIsAccepted() throws IOException {
        IngestLimits limits = new IngestLimits(1000, 1000, 1000, 1000, 1000, 1000, 10, 10, 1000);
        assertThat(readAll(null, new ByteArrayInputStream(new byte[1000]), limits)).hasSize(1000);
    }

    @Test
    void gzipBombStopsAtTheDecompressedLimitWithLittleMemory() throws IOException {
        // 10 GB of zeros, gzip'd on the fly (about 10 MB compressed); never materialized.
        GzipOfZeros bomb = new GzipOfZeros(10L * 1024 * 1024 * 1024);
        IngestLimits limits = IngestLimits.defaults();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        InputStream decoded = BodyDecoder.decode("gzip", bomb, limits);
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int n;
            while ((n = decoded.read(buffer)) >= 0) {
                total += n;
            }
            throw new AssertionError("read " + total + " bytes past the limit");
        } catch (PayloadTooLargeException e) {
            assertThat(e.detail()).contains("decompressed", String.valueOf(limits.maxDecompressedBytes()));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(total).isLessThanOrEqualTo(limits.maxDecompressedBytes());
        assertThat(bomb.zerosRead()).as("the bomb is read only up to the limit (and a buffer), not to its end")
                .isLessThan(2L * limits.maxDecompressedBytes());
        // the generator allocates too; both together stay far below the 100 MB that were inflated
        assertThat(allocated).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void gzipBombInsideAnEnvelopeIsRefusedWith413ByTheRequestReader() throws IOException {
        // One gzip member: an envelope header, a skipped item without length, then 10 GB of zeros.
        GzipOfZeros body = new GzipOfZeros("{}\n{\"type\":\"replay_recording\"}\n".getBytes(StandardCharsets.UTF_8),
                10L * 1024 * 1024 * 1024);
        IngestRequestReader.Result result = new IngestRequestReader(IngestLimits.defaults()).read(IngestRequestReader.Endpoint.ENVELOPE,
                "42", "Sentry sentry_key=abc", null, "gzip", null, body);
        assertThat(result).isInstanceOfSatisfying(IngestRequestReader.Rejected.class, rejected -> {
            assertThat(rejected.status()).isEqualTo(413);
            assertThat(rejected.detail()).isEqualTo("decompressed request body larger than the limit of 104857600 bytes");
        });
        assertThat(body.zerosRead()).as("the bomb is read only up to the limit (and a buffer), not to its end")
                .isLessThan(2L * IngestLimits.defaults().maxDecompressedBytes());
    }

    /** A gzip stream of {@code size} zero bytes, produced lazily as it is read. */
    static final class GzipOfZeros extends InputStream {
        private final Deflater deflater = new Deflater(9, true);
        private final byte[] zeros = new byte[64 * 1024];
        private final byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private final long size;
        private long remaining;
        private int headerPos;
        private boolean finished;

        GzipOfZeros(long size) {
            this(new byte[0], size);
        }

        /** {@code prefix} then {@code size} zeros, in one gzip member. */
        GzipOfZeros(byte[] prefix, long size) {
            this.size = size;
            this.remaining = size;
            deflater.setInput(prefix);
        }

        /** How many of the zeros a reader made this stream compress so far. */
        long zerosRead() {
            return size - remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (headerPos < header.length) {
                int n = Math.min(len, header.length - headerPos);
                System.arraycopy(header, headerPos, b, off, n);
                headerPos += n;
                return n;
            }
            while (true) {
                int n = deflater.deflate(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (finished) {
                    return -1; // trailer omitted: the reader never gets that far
                }
                if (!deflater.needsInput()) {
                    continue;
                }
                if (remaining > 0) {
                    int chunk = (int) Math.min(zeros.length, remaining);
                    deflater.setInput(zeros, 0, chunk);
                    remaining -= chunk;
                } else {
                    deflater.finish();
                    finished = true;
                }
            }
        }
    }
}
