package io.bugmaster.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip body with fixed-width holes (event id, user id) that is cheap to render many times with
 * different values: the constant text between the holes is deflated once, at level 6 as
 * {@code GZIPOutputStream} does, and ended with a sync flush so it ends on a byte boundary; each
 * hole is written as a stored (uncompressed) deflate block. Rendering is then a copy and a CRC32,
 * so the load generator spends its CPU on sending, not on compressing (every request still has a
 * unique, valid gzip body).
 */
final class GzipTemplate {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private sealed interface Part permits Literal, Hole {}

    private record Literal(byte[] raw, byte[] deflated) implements Part {}

    private record Hole(int index, int width) implements Part {}

    private final List<Part> parts;
    private final int holes;
    private final int compressedSize;
    private final int uncompressedSize;

    /**
     * @param text   the body, with each hole written as {@code marker + index} (index one digit)
     * @param marker a string that appears nowhere else in the text
     * @param widths the byte width of each hole
     */
    GzipTemplate(String text, String marker, int[] widths) {
        List<Part> list = new ArrayList<>();
        int compressed = GZIP_HEADER.length + 5 + 8;
        int uncompressed = 0;
        int from = 0;
        while (true) {
            int at = text.indexOf(marker, from);
            String literal = at < 0 ? text.substring(from) : text.substring(from, at);
            if (!literal.isEmpty()) {
                byte[] raw = literal.getBytes(StandardCharsets.UTF_8);
                byte[] deflated = deflate(raw);
                list.add(new Literal(raw, deflated));
                compressed += deflated.length;
                uncompressed += raw.length;
            }
            if (at < 0) {
                break;
            }
            int index = text.charAt(at + marker.length()) - '0';
            list.add(new Hole(index, widths[index]));
            compressed += 5 + widths[index];
            uncompressed += widths[index];
            from = at + marker.length() + 1;
        }
        this.parts = List.copyOf(list);
        this.holes = widths.length;
        this.compressedSize = compressed;
        this.uncompressedSize = uncompressed;
    }

    int compressedSize() {
        return compressedSize;
    }

    int uncompressedSize() {
        return uncompressedSize;
    }

    /** A complete gzip member with the holes filled with {@code values} (ASCII, exactly their widths). */
    byte[] render(byte[][] values) {
        if (values.length != holes) {
            throw new IllegalArgumentException("expected " + holes + " values");
        }
        byte[] out = new byte[compressedSize];
        System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
        int pos = GZIP_HEADER.length;
        CRC32 crc = new CRC32();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                System.arraycopy(literal.deflated(), 0, out, pos, literal.deflated().length);
                pos += literal.deflated().length;
                crc.update(literal.raw());
            } else {
                Hole hole = (Hole) part;
                byte[] value = values[hole.index()];
                if (value.length != hole.width()) {
                    throw new IllegalArgumentException("hole " + hole.index() + " is " + hole.width() + " bytes wide");
                }
                pos = storedBlockHeader(out, pos, value.length, false);
                System.arraycopy(value, 0, out, pos, value.length);
                pos += value.length;
                crc.update(value);
            }
        }
        pos = storedBlockHeader(out, pos, 0, true); // the final, empty block
        pos = intLE(out, pos, (int) crc.getValue());
        intLE(out, pos, uncompressedSize);
        return out;
    }

    private static int storedBlockHeader(byte[] out, int pos, int length, boolean last) {
        out[pos++] = (byte) (last ? 1 : 0); // BFINAL, BTYPE=00 (stored), padding to the byte boundary
        out[pos++] = (byte) length;
        out[pos++] = (byte) (length >>> 8);
        out[pos++] = (byte) ~length;
        out[pos++] = (byte) (~length >>> 8);
        return pos;
    }

    private static int intLE(byte[] out, int pos, int value) {
        out[pos++] = (byte) value;
        out[pos++] = (byte) (value >>> 8);
        out[pos++] = (byte) (value >>> 16);
        out[pos++] = (byte) (value >>> 24);
        return pos;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (n < buffer.length) {
                    break;
                }
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
