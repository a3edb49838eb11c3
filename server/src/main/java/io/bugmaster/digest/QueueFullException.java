package io.bugmaster.digest;

/** The digester is behind: the caller answers 429 with Retry-After instead of queueing without bound. */
public class QueueFullException extends RuntimeException {
    private final int retryAfterSeconds;

    public QueueFullException(int retryAfterSeconds) {
        super("the server is busy writing events; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
