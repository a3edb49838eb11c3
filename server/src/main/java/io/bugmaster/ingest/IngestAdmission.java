package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The slots of ingest requests being processed (parsed, normalized, and waiting for their commit):
 * back-pressure, so an overloaded server refuses at once instead of queueing without bound. A
 * request takes a slot only once its body has arrived, so a slow sender never holds one.
 *
 * <p>Fair between projects: one project holds at most {@code perProject} slots, and when requests
 * wait, a freed slot goes to the waiting project that holds the fewest (in turn among equals), not to
 * whichever project has sent the most, so one project flooding the server cannot starve the others.
 */
@PureLogic
public final class IngestAdmission {
    private final int slots;
    private final int perProject;
    private final Map<Long, Integer> held = new HashMap<>();
    private final Map<Long, ArrayDeque<Waiter>> waiting = new HashMap<>();
    /** Projects with waiting requests, in the order they get the next free slot. */
    private final ArrayDeque<Long> turns = new ArrayDeque<>();
    private int used;

    private static final class Waiter {
        boolean granted;
    }

    /**
     * @param slots      requests processed at once, at most
     * @param perProject requests of one project processed at once, at most (1 to {@code slots})
     */
    public IngestAdmission(int slots, int perProject) {
        if (slots < 0 || perProject < 1) {
            throw new IllegalArgumentException("ingest slots must not be negative, and a project must get at least one");
        }
        this.slots = slots;
        this.perProject = Math.min(perProject, Math.max(1, slots));
    }

    /**
     * Takes a slot for a request of the project, waiting at most {@code waitMillis} for one.
     *
     * @return false when none was free in time (then nothing is held)
     */
    public synchronized boolean tryAcquire(long projectId, long waitMillis) throws InterruptedException {
        // A free slot with waiters means they all belong to projects at their cap, so taking it is fair.
        if (used < slots && held(projectId) < perProject) {
            take(projectId);
            return true;
        }
        Waiter waiter = new Waiter();
        ArrayDeque<Waiter> queue = waiting.computeIfAbsent(projectId, p -> new ArrayDeque<>());
        if (queue.isEmpty()) {
            turns.addLast(projectId);
        }
        queue.addLast(waiter);
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        try {
            while (!waiter.granted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            if (!waiter.granted) {
                queue.remove(waiter);
                if (queue.isEmpty()) {
                    waiting.remove(projectId);
                    turns.remove(projectId);
                }
            }
        }
        return waiter.granted;
    }

    /** Gives back a slot taken by {@link #tryAcquire} and hands it to a waiting request, if any. */
    public synchronized void release(long projectId) {
        used--;
        int n = held(projectId) - 1;
        if (n <= 0) {
            held.remove(projectId);
        } else {
            held.put(projectId, n);
        }
        grant();
    }

    /** Slots in use now. */
    public synchronized int used() {
        return used;
    }

    /** Requests waiting for a slot now. */
    public synchronized int waiting() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Hands free slots to waiting requests: first to the project holding the fewest, in turn among equals. */
    private void grant() {
        boolean any = false;
        while (used < slots) {
            Long next = null;
            int fewest = perProject;
            for (Long project : turns) {
                int n = held(project);
                if (n < fewest) {
                    next = project;
                    fewest = n;
                }
            }
            if (next == null) {
                break;
            }
            turns.remove(next);
            ArrayDeque<Waiter> queue = waiting.get(next);
            queue.pollFirst().granted = true;
            take(next);
            any = true;
            if (queue.isEmpty()) {
                waiting.remove(next);
            } else {
                turns.addLast(next);
            }
        }
        if (any) {
            notifyAll();
        }
    }

    private void take(long projectId) {
        used++;
        held.merge(projectId, 1, Integer::sum);
    }

    private int held(long projectId) {
        return held.getOrDefault(projectId, 0);
    }
}
