package io.bugmaster.monitors.cron;

import io.bugmaster.common.PureLogic;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A job's output as kept on its run: the first {@value #MAX_BYTES} bytes, read as UTF-8 (a character
 * cut at the end is dropped, invalid bytes become U+FFFD) without NUL characters, which PostgreSQL's
 * text refuses.
 */
@PureLogic
public final class JobOutput {
    public static final int MAX_BYTES = 10 * 1024;

    private JobOutput() {}

    /** The text of the first {@code length} bytes of {@code bytes} (at most {@value #MAX_BYTES}); null when there are none. */
    public static String of(byte[] bytes, int length) {
        int n = Math.min(length, MAX_BYTES);
        if (n <= 0) {
            return null;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(n);
        // endOfInput false: an incomplete character at the cut stays undecoded instead of becoming U+FFFD
        decoder.decode(ByteBuffer.wrap(bytes, 0, n), out, length <= MAX_BYTES);
        out.flip();
        return out.toString().replace('\u0000', '\uFFFD');
    }

    /** Text given as text (Sentry's HTTP check-in has none; tests), clipped the same way. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return of(bytes, bytes.length);
    }

    /** A run's output with more appended (a ping's {@code /log}), still at most {@value #MAX_BYTES} bytes: the first ones are kept. */
    public static String append(String kept, String more) {
        if (kept == null || kept.isEmpty()) {
            return of(more);
        }
        return of(kept + (kept.endsWith("\n") ? "" : "\n") + more);
    }
}
