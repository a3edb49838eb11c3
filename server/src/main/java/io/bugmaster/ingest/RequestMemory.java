package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;

/**
 * What one ingest request holds in memory, reserved from the shared {@link IngestMemory} before it is
 * allocated. {@link #charge} refuses (429, or 413 when the request alone is too big) instead of
 * letting the heap run out; {@link #close} gives back whatever is still held. Not thread-safe: one
 * request is read and processed by one thread at a time.
 */
@PureLogic
public final class RequestMemory implements AutoCloseable {
    private static final long MB = 1024 * 1024;

    private final IngestMemory budget;
    private final long projectId;
    private long held;

    RequestMemory(IngestMemory budget, long projectId) {
        this.budget = budget;
        this.projectId = projectId;
    }

    /** Memory without a budget, for callers that parse what they already hold (tests, tools). */
    public static RequestMemory unlimited() {
        return new RequestMemory(null, 0);
    }

    /**
     * Reserves {@code bytes} more.
     *
     * @throws ServerBusyException       when the budget is taken by other requests now
     * @throws PayloadTooLargeException  when this request would hold more than any request may
     */
    public void charge(long bytes) {
        if (bytes <= 0 || budget == null) {
            held += Math.max(0, bytes);
            return;
        }
        if (!budget.tryTake(projectId, bytes)) {
            long limit = budget.perRequestLimit();
            if (held + bytes > limit) {
                throw new PayloadTooLargeException("the request needs more than the " + limit / MB
                        + " MB of memory this server gives one project's requests (BUGMASTER_INGEST_MEMORY)", limit);
            }
            throw new ServerBusyException("the server is busy reading other requests; retry in 1 s");
        }
        held += bytes;
    }

    /** Gives back {@code bytes} (at most what is held). */
    public void release(long bytes) {
        long n = Math.min(bytes, held);
        if (n <= 0) {
            return;
        }
        held -= n;
        if (budget != null) {
            budget.give(projectId, n);
        }
    }

    public long held() {
        return held;
    }

    @Override
    public void close() {
        release(held);
    }
}
