package io.bugmaster.events;

import io.bugmaster.common.PureLogic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * How an event's normalized JSON is stored: gzip at the fastest level. Compression happens on the
 * HTTP thread (in parallel), never on the single digest writer, and reuses one deflater per thread
 * (creating one per event was the top native cost under load).
 */
@PureLogic
public final class EventPayloads {
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    private EventPayloads() {}

    public static byte[] compress(byte[] json) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 4));
        out.writeBytes(GZIP_HEADER);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, json.length);
        return out.toByteArray();
    }

    public static byte[] decompress(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(stored), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored event payload is not valid gzip", e);
        }
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }
}
