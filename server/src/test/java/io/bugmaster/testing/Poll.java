package io.bugmaster.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls until a value satisfies a condition: for what a real component does on its own time (an SDK's
 * event travelling, another process such as Alertmanager sending, an SMTP delivery, another thread
 * reaching a lock). The one place tests wait: never to let time pass (tests move the Clock for that),
 * and the timeout only bounds a hang, it is no speed requirement. An {@link AssertionError} thrown
 * while reading ends the wait at once (a sender that died); a RuntimeException is retried.
 */
public final class Poll {
    private Poll() {}

    /** The first value of {@code read} that satisfies {@code done}, or an AssertionError naming the last value seen. */
    public static <T> T until(Duration timeout, String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = read.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last seen: "
                        + (lastError != null ? lastError : last));
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
