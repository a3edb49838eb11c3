package io.bugmaster.events;

import io.bugmaster.common.PureLogic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How an event's normalized JSON is stored: gzip at the fastest level. Compression happens on the
 * HTTP thread (in parallel), never on the single digest writer.
 */
@PureLogic
public final class EventPayloads {
    private EventPayloads() {}

    public static byte[] compress(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] decompress(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(stored), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("stored event payload is not valid gzip", e);
        }
    }
}
