package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

    /** A waiting request, woken alone (not with every other waiter) when it is handed a slot. */
    private static final class Waiter {
        final Condition turn;
        boolean granted;

        Waiter(Condition turn) {
            this.turn = turn;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();

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
    public boolean tryAcquire(long projectId, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            // A free slot with waiters means they all belong to projects at their cap, so taking it is fair.
            if (used < slots && held(projectId) < perProject) {
                take(projectId);
                return true;
            }
            Waiter waiter = new Waiter(lock.newCondition());
            ArrayDeque<Waiter> queue = waiting.computeIfAbsent(projectId, p -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                turns.addLast(projectId);
            }
            queue.addLast(waiter);
            try {
                long left = TimeUnit.MILLISECONDS.toNanos(waitMillis);
                while (!waiter.granted && left > 0) {
                    left = waiter.turn.awaitNanos(left);
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
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot taken by {@link #tryAcquire} and hands it to a waiting request, if any. */
    public void release(long projectId) {
        lock.lock();
        try {
            used--;
            int n = held(projectId) - 1;
            if (n <= 0) {
                held.remove(projectId);
            } else {
                held.put(projectId, n);
            }
            grant();
        } finally {
            lock.unlock();
        }
    }

    /** Slots in use now. */
    public int used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a slot now. */
    public int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Hands free slots to waiting requests: first to the project holding the fewest, in turn among equals. */
    private void grant() {
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
            Waiter waiter = queue.pollFirst();
            waiter.granted = true;
            waiter.turn.signal();
            take(next);
            if (queue.isEmpty()) {
                waiting.remove(next);
            } else {
                turns.addLast(next);
            }
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
