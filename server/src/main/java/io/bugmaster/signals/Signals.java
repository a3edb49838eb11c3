package io.bugmaster.signals;

import io.bugmaster.common.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signals feature's API: features raise signals here, in the transaction of the change that
 * caused them, and readers of the history (the weekly report) ask here what was raised. Consumers
 * do not call this: they are handed signals (see {@link SignalConsumer}).
 */
@Service
public class Signals {
    /** The most a body may hold: a signal names what changed, it does not carry the subject's state. */
    static final int MAX_BODY = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignalStore store;

    Signals(SignalStore store) {
        this.store = store;
    }

    /** Raises one signal in the caller's transaction. */
    public void raise(NewSignal signal, Instant at) {
        raiseAll(List.of(signal), at);
    }

    /**
     * Raises signals in the caller's transaction, which must be open: a signal is written with the
     * change that caused it, or not at all.
     */
    public void raiseAll(List<NewSignal> signals, Instant at) {
        if (signals.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("signals are raised in the transaction of the change that caused them");
        }
        List<Object[]> rows = new ArrayList<>(signals.size());
        for (NewSignal s : signals) {
            String body = JSON.writeValueAsString(s.body());
            if (body.length() > MAX_BODY) {
                throw new IllegalArgumentException("the body of a " + s.kind() + " signal is " + body.length()
                        + " characters; at most " + MAX_BODY);
            }
            rows.add(new Object[] {s.orgId(), s.subject().toString(), s.kind(), body, at.toEpochMilli()});
        }
        store.insert(rows);
    }

    /** The subjects of the given kind raised in an organization in [from, to], each with the first time it was, oldest first. */
    public Map<Subject, Instant> firstRaised(long orgId, String kind, Instant from, Instant to) {
        Map<Subject, Instant> out = new java.util.LinkedHashMap<>();
        store.firstRaised(orgId, kind, from, to).forEach((subject, at) -> out.put(Subject.parse(subject), at));
        return out;
    }

    /** The subjects of the given kind raised in an organization in [from, to), each once. */
    public List<Subject> raised(long orgId, String kind, Instant from, Instant to) {
        return store.subjects(orgId, kind, from, to).stream().map(Subject::parse).toList();
    }
}
