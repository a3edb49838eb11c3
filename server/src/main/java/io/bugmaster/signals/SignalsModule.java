package io.bugmaster.signals;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.signals.SignalStore.Cursor;
import io.bugmaster.storage.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Engine step: hands new signals to each registered consumer, from its own cursor, a batch per
 * transaction (the consumer's work and the cursor's move commit together), then deletes signals
 * that every consumer is past and that are older than {@code BUGMASTER_SIGNAL_RETENTION}. Consumers
 * are isolated from each other: one that throws or has a backlog leaves the others' cursors where
 * they are, and each run hands a consumer at most {@link #MAX_BATCHES_PER_RUN} batches, so a
 * backlog of one does not keep the others waiting for long.
 */
@Component
class SignalsModule implements EngineModule, SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(SignalsModule.class);
    static final int BATCH = 100;
    static final int MAX_BATCHES_PER_RUN = 50;
    static final int PRUNE_BATCH = 500;
    static final int MAX_PRUNE_BATCHES = 20;

    private final SignalStore store;
    private final SignalConsumers consumers;
    private final Transactions tx;
    private final Clock clock;
    private final SignalProperties props;
    private final MeterRegistry meters;

    SignalsModule(SignalStore store, SignalConsumers consumers, Transactions tx, Clock clock, SignalProperties props,
            MeterRegistry meters) {
        this.store = store;
        this.consumers = consumers;
        this.tx = tx;
        this.clock = clock;
        this.props = props;
        this.meters = meters;
    }

    @Override
    public String name() {
        return "signals";
    }

    /**
     * A consumer registered for the first time starts at the signals committed by then: it sees
     * what is raised from now on, not the history (an upgrade that adds one does not replay weeks).
     * Created at startup, before the server takes requests, so nothing raised after it is missed.
     */
    @Override
    public void afterSingletonsInstantiated() {
        for (String name : consumers.names()) {
            tx.write(() -> {
                if (store.createCursor(name, store.head(), clock.instant())) {
                    log.info("signal consumer {} registered: it reads signals from now on", name);
                }
            });
        }
    }

    @Override
    public void run(Instant now) {
        for (SignalConsumer consumer : consumers.all()) {
            try {
                consume(consumer, now);
            } catch (RuntimeException e) {
                // reading or moving the cursor failed (the database); the next consumer may still get through
                log.error("signal consumer {} failed; it carries on from its cursor on the next run", consumer.name(), e);
            }
        }
        prune(now);
    }

    /** Hands a consumer what is new since its cursor; returns how many signals it got past. */
    int consume(SignalConsumer consumer, Instant now) {
        String name = consumer.name();
        int passed = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            Cursor at = store.cursor(name).orElseGet(() -> {
                tx.write(() -> store.createCursor(name, store.head(), now));
                return store.cursor(name).orElseThrow();
            });
            List<SignalStore.Row> batch = store.after(at, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            try {
                handle(consumer, at, batch, now);
                count(name, "handled", batch.size());
            } catch (CursorMoved e) {
                return passed; // another node is handling this consumer's signals
            } catch (RuntimeException e) {
                log.warn("signal consumer {} failed on a batch of {} signals ({}); handing them over one at a time", name,
                        batch.size(), e.toString());
                Optional<Integer> done = oneAtATime(consumer, at, batch, now);
                if (done.isEmpty()) {
                    return passed;
                }
            }
            passed += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
        }
        return passed;
    }

    /**
     * The batch again, a signal per transaction. A signal that fails on its own with an error that may
     * pass (the database busy or restarting) stops the consumer for this run, to be tried again on
     * the next; one that fails otherwise (a bug its data triggers) is skipped. Empty when the consumer stops here.
     */
    private Optional<Integer> oneAtATime(SignalConsumer consumer, Cursor from, List<SignalStore.Row> batch, Instant now) {
        Cursor at = from;
        for (SignalStore.Row row : batch) {
            try {
                handle(consumer, at, List.of(row), now);
                count(consumer.name(), "handled", 1);
            } catch (CursorMoved e) {
                return Optional.empty();
            } catch (RuntimeException e) {
                Signal s = row.signal();
                if (mayPass(e)) {
                    log.warn("signal consumer {} failed on signal {} ({} of {}) in the database; it is tried again on the next run",
                            consumer.name(), s.id(), s.kind(), s.subject(), e);
                    return Optional.empty();
                }
                log.error("signal consumer {} skipped signal {} ({} of {}): it fails on its own", consumer.name(), s.id(), s.kind(),
                        s.subject(), e);
                Cursor before = at;
                if (!tx.write(() -> store.advance(consumer.name(), before, row.position(), now))) {
                    return Optional.empty();
                }
                count(consumer.name(), "skipped", 1);
            }
            at = row.position();
        }
        return Optional.of(batch.size());
    }

    /** A database that is busy, restarting or out of connections: the same signal may work on the next run. */
    static boolean mayPass(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException;
    }

    private void handle(SignalConsumer consumer, Cursor from, List<SignalStore.Row> rows, Instant now) {
        tx.write(() -> {
            consumer.handle(rows.stream().map(SignalStore.Row::signal).toList(), now);
            if (!store.advance(consumer.name(), from, rows.get(rows.size() - 1).position(), now)) {
                throw new CursorMoved();
            }
        });
    }

    /**
     * Deletes signals older than the retention that every registered consumer is past, in batches;
     * returns how many. A consumer without a cursor yet holds everything back.
     */
    int prune(Instant now) {
        Map<String, Cursor> cursors = store.cursors().stream()
                .collect(Collectors.toMap(SignalStore.CursorRow::consumer, SignalStore.CursorRow::position));
        Cursor everyonePast = null;
        for (String name : consumers.names()) {
            Cursor c = cursors.get(name);
            if (c == null) {
                return 0;
            }
            everyonePast = everyonePast == null || c.isBefore(everyonePast) ? c : everyonePast;
        }
        if (everyonePast == null) {
            return 0; // no consumer at all: nothing says what was read
        }
        Instant before = now.minus(props.signalRetention());
        Cursor past = everyonePast;
        int deleted = 0;
        for (int i = 0; i < MAX_PRUNE_BATCHES; i++) {
            int n = tx.write(() -> store.deleteBefore(before, past, PRUNE_BATCH));
            deleted += n;
            if (n < PRUNE_BATCH) {
                break;
            }
        }
        return deleted;
    }

    private void count(String consumer, String outcome, int n) {
        Counter.builder("bugmaster.signals.consumed").description("signals a consumer got past: handled, or skipped after failing on their own")
                .tag("consumer", consumer).tag("outcome", outcome).register(meters).increment(n);
    }

    /** The consumer's cursor was moved by another node while this one worked: roll back, let that node carry on. */
    private static final class CursorMoved extends RuntimeException {
        CursorMoved() {
            super("the cursor was moved by another node", null, false, false);
        }
    }
}
