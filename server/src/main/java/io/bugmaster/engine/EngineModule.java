package io.bugmaster.engine;

import java.time.Instant;

/**
 * One step of the engine loop: snooze expiry, escalations, heartbeat deadlines, signals, delivery...
 * A module does short set-based transactions and claims its work with a conditional update, so
 * that it is safe to run on several nodes; the engine adds a lock, a timeout and error isolation.
 */
public interface EngineModule {

    /** Stable name: used for the lock key, logs and metrics. */
    String name();

    /** Does what is due at {@code now}. An exception is logged and counted; the next module still runs. */
    void run(Instant now) throws Exception;

    /**
     * True for a module that writes out this node's own memory (counters kept per process): every
     * node must run it, so it takes no cluster lock. Otherwise one node at a time runs the module.
     */
    default boolean perNode() {
        return false;
    }

    /**
     * Waits until work this module handed to threads of its own (delivery's senders) has finished.
     * The loop never waits for it; {@link Engine#runOnce()} does, so its caller sees what the cycle did.
     */
    default void awaitIdle() throws InterruptedException {
        // most modules do their work within run()
    }
}
