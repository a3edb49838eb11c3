package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.HashMap;
import java.util.Map;

/**
 * The memory all ingest requests in flight may hold together: request bodies as they arrive, item
 * payloads, parsed trees (reserved before parsing, by {@link IngestJson#treeBytes}), and the
 * compressed events waiting for their commit. Each request reserves what it is about to hold through
 * its {@link RequestMemory} and gives it back when it is answered. One project may hold at most its
 * share, so a project whose public DSN key is abused cannot take the memory of the others.
 *
 * <p>When a reservation does not fit, the request is refused at once: with 429 when it would fit
 * once other requests are done, with 413 when it alone needs more than a project may ever hold.
 */
@PureLogic
public final class IngestMemory {
    private final long budget;
    private final long perProject;
    private final Map<Long, Long> heldByProject = new HashMap<>();
    private long held;

    /**
     * @param budget     bytes all requests together may hold
     * @param perProject bytes the requests of one project may hold together (at most {@code budget})
     */
    public IngestMemory(long budget, long perProject) {
        if (budget <= 0 || perProject <= 0 || perProject > budget) {
            throw new IllegalArgumentException("the ingest memory budget must be positive, and a project's share at most all of it");
        }
        this.budget = budget;
        this.perProject = perProject;
    }

    /**
     * The budget when BUGMASTER_INGEST_MEMORY is not set: a quarter of the JVM's maximum heap, which
     * leaves the rest for the server itself and for the garbage of parsing. With the launcher's 224 MB
     * heap (docs/operations.md#memory) a project's share fits the worst case of a 1 MB event (its
     * parsed trees counted at 40 bytes per byte) with 4 MB of attachments beside it.
     */
    public static long defaultBudget(long maxHeapBytes) {
        return maxHeapBytes / 4;
    }

    /** The memory of one request of a project (the project named in its URL). */
    public RequestMemory open(long projectId) {
        return new RequestMemory(this, projectId);
    }

    /** Bytes held by all requests now. */
    public synchronized long held() {
        return held;
    }

    /** The most one request may ever hold. */
    long perRequestLimit() {
        return perProject;
    }

    synchronized boolean tryTake(long projectId, long bytes) {
        long ofProject = heldByProject.getOrDefault(projectId, 0L);
        if (held + bytes > budget || ofProject + bytes > perProject) {
            return false;
        }
        held += bytes;
        heldByProject.put(projectId, ofProject + bytes);
        return true;
    }

    synchronized void give(long projectId, long bytes) {
        held -= bytes;
        long ofProject = heldByProject.getOrDefault(projectId, 0L) - bytes;
        if (ofProject <= 0) {
            heldByProject.remove(projectId);
        } else {
            heldByProject.put(projectId, ofProject);
        }
    }
}
