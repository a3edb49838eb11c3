package io.bugmaster.ingest;

import io.airlift.compress.zstd.ZstdInputStream;
import io.bugmaster.common.PureLogic;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes a request body's Content-Encoding while streaming, with both size limits enforced as the
 * bytes flow: the compressed body is cut at {@link IngestLimits#maxCompressedBytes()} and the
 * decoded one at {@link IngestLimits#maxDecompressedBytes()}, each with a
 * {@link PayloadTooLargeException} (413) the moment the limit is passed. A gzip bomb therefore costs
 * a few buffers of memory and as much CPU as the limit allows.
 *
 * <p>Encodings: {@code gzip} (and {@code x-gzip}), {@code deflate} (zlib, with a fallback to raw
 * deflate that some clients send), {@code br}, {@code zstd}, {@code identity}; any letter case; an
 * empty or absent header means identity; a list such as {@code gzip, br} is undone right to left.
 * Anything else is refused with 415. A body that fails to decode (truncated or corrupt) reads as a
 * 400 {@link IngestException}; an {@link IOException} from the underlying stream (the client went
 * away) is passed on untouched.
 *
 * <p>gzip is the JDK's {@link GZIPInputStream}: a body of several concatenated gzip members is read
 * on past the first member only when more input is already buffered, as the JDK decides. SDKs send
 * one member.
 */
@PureLogic
public final class BodyDecoder {
    private static final int MAX_ENCODINGS = 3;

    private BodyDecoder() {}

    /**
     * Wraps {@code body} to read it decoded and bounded. Checks the encoding now (415), decodes lazily.
     */
    public static InputStream decode(String contentEncoding, InputStream body, IngestLimits limits) {
        List<String> encodings = parse(contentEncoding);
        CappedStream raw = new CappedStream(body, limits.maxCompressedBytes(), BodyDecoder::compressedTooLarge);
        InputStream decoded = raw;
        for (int i = encodings.size() - 1; i >= 0; i--) {
            decoded = new DecodingStream(decoded, encodings.get(i), raw);
        }
        return new CappedStream(decoded, limits.maxDecompressedBytes(), limit -> new PayloadTooLargeException(
                "decompressed request body larger than the limit of " + limit + " bytes", limit));
    }

    /** The encodings of a Content-Encoding header, normalized, identity dropped; 415 for unknown ones. */
    static List<String> parse(String contentEncoding) {
        List<String> result = new ArrayList<>();
        if (contentEncoding == null) {
            return result;
        }
        for (String part : contentEncoding.split(",")) {
            String encoding = part.strip().toLowerCase(Locale.ROOT);
            switch (encoding) {
                case "", "identity" -> { }
                case "gzip", "x-gzip" -> result.add("gzip");
                case "deflate", "br", "zstd" -> result.add(encoding);
                default -> throw IngestException.unsupportedMediaType("unsupported Content-Encoding '"
                        + JsonSafe.clip(encoding, 40) + "': use gzip, deflate, br, zstd or identity");
            }
        }
        if (result.size() > MAX_ENCODINGS) {
            throw IngestException.unsupportedMediaType("more than " + MAX_ENCODINGS + " Content-Encodings applied to one body");
        }
        return result;
    }

    private static PayloadTooLargeException compressedTooLarge(long limit) {
        return new PayloadTooLargeException("request body larger than the limit of " + limit + " bytes", limit);
    }

    /**
     * Caps the bytes read from a stream (the client's, or the decoded one), throwing as soon as the
     * cap is passed, and remembers whether the underlying stream itself failed.
     */
    private static final class CappedStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private final java.util.function.LongFunction<PayloadTooLargeException> tooLarge;
        private long count;
        boolean failed;

        CappedStream(InputStream in, long limit, java.util.function.LongFunction<PayloadTooLargeException> tooLarge) {
            this.in = in;
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            // Ask for at most one byte past the limit, so passing it is noticed without reading on.
            long allowed = limit - count + 1;
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, allowed));
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw tooLarge.apply(limit);
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One decoding step, built on first read; decoder failures become 400. */
    private static final class DecodingStream extends InputStream {
        private final InputStream source;
        private final String encoding;
        private final CappedStream raw;
        private InputStream decoder;
        private boolean eof;

        DecodingStream(InputStream source, String encoding, CappedStream raw) {
            this.source = source;
            this.encoding = encoding;
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                return -1;
            }
            try {
                if (decoder == null) {
                    decoder = open();
                }
                int n = decoder.read(b, off, len);
                if (n < 0) {
                    eof = true;
                }
                return n;
            } catch (IngestException e) {
                throw e;
            } catch (IOException e) {
                if (raw.failed) {
                    throw e;
                }
                throw IngestException.badRequest("the " + encoding + " body could not be decoded", e);
            } catch (RuntimeException e) {
                // Decoder libraries signal corrupt input with their own runtime exceptions.
                throw IngestException.badRequest("the " + encoding + " body could not be decoded", e);
            }
        }

        private InputStream open() throws IOException {
            return switch (encoding) {
                case "gzip" -> new GZIPInputStream(source, 8192);
                case "deflate" -> deflate(source);
                case "br" -> new BrotliInputStream(source);
                case "zstd" -> new ZstdInputStream(source);
                default -> throw new IllegalStateException("unchecked encoding " + encoding);
            };
        }

        /** zlib-wrapped when the first two bytes are a valid zlib header, raw deflate otherwise. */
        private static InputStream deflate(InputStream in) throws IOException {
            PushbackInputStream pushback = new PushbackInputStream(in, 2);
            int first = pushback.read();
            if (first < 0) {
                return InputStream.nullInputStream();
            }
            int second = pushback.read();
            if (second >= 0) {
                pushback.unread(second);
            }
            pushback.unread(first);
            boolean zlib = second >= 0 && (first & 0x0f) == 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 == 0;
            return new InflaterInputStream(pushback, new Inflater(!zlib), 8192) {
                private boolean ended;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n < 0 && !ended) {
                        ended = true;
                        if (!inf.finished()) {
                            throw new java.io.EOFException("truncated deflate stream");
                        }
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    inf.end();
                }
            };
        }

        @Override
        public void close() throws IOException {
            if (decoder != null) {
                decoder.close();
            } else {
                source.close();
            }
        }
    }
}
