package io.bugmaster.inbound;

import io.bugmaster.common.PureLogic;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Reads a request body of at most {@link #MAX_BYTES} (PagerDuty's limit for one event), holding
 * never more than that: a declared length over the limit is refused before reading, and a body
 * without one is read up to the limit, then one more byte tells whether it went over. A body must
 * also arrive before a deadline, checked after every read: a sender of a byte now and then never
 * trips the server's read timeout, so only a deadline on the whole body bounds how long it holds a thread.
 */
@PureLogic
public final class InboundBody {
    /** 512 KB, PagerDuty's size limit of one Events API v2 event. */
    public static final int MAX_BYTES = 512 * 1024;

    private InboundBody() {}

    /** The body was over the limit. */
    public static final class TooLarge extends Exception {
        TooLarge(int max) {
            super("the request body is larger than the limit of " + max + " bytes (" + max / 1024 + " KB)", null, false, false);
        }
    }

    /** The body did not arrive before the deadline. */
    public static final class TooSlow extends Exception {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @param pastDeadline   true once the body has taken too long
     */
    public static byte[] read(InputStream in, long declaredLength, int max, BooleanSupplier pastDeadline)
            throws TooLarge, TooSlow, IOException {
        if (declaredLength > max) {
            throw new TooLarge(max);
        }
        byte[] buffer = new byte[declaredLength >= 0 ? (int) declaredLength : Math.min(max, 16 * 1024)];
        int filled = 0;
        while (true) {
            if (filled == buffer.length) {
                if (filled == max) {
                    if (in.read() != -1) {
                        throw new TooLarge(max);
                    }
                    return buffer;
                }
                if (declaredLength >= 0) {
                    // the declared length has arrived; more than declared is the container's business, not ours
                    return buffer;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, (long) buffer.length * 2));
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (pastDeadline.getAsBoolean()) {
                throw new TooSlow();
            }
            if (n < 0) {
                return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
            }
            filled += n;
        }
    }
}
