package io.bugmaster.monitors.paging;

import io.bugmaster.digest.DigestItem;
import io.bugmaster.digest.Digester;
import io.bugmaster.digest.QueueFullException;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.monitors.messages.MonitorMessages;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The optional error issue of a failing monitor ({@code create_issue}): each monitor.down or
 * monitor.failing adds an event to the monitor's issue through the digester, the way every event is
 * written, so the issue is grouped, counted, raises issue.new (or a regression once resolved) and goes
 * through the issue alert rules and ownership like any other. The events are handed over once the
 * signal bus's transaction has committed (the digester writes in its own); one refused because the
 * digester is full is logged and dropped: the monitor's own alerts do not depend on it.
 */
@Component
class MonitorIssues implements SignalConsumer {
    private static final Logger log = LoggerFactory.getLogger(MonitorIssues.class);

    private final MonitorMessages messages;
    private final Digester digester;

    MonitorIssues(MonitorMessages messages, Digester digester) {
        this.messages = messages;
        this.digester = digester;
    }

    @Override
    public String name() {
        return "monitor-issues";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        List<DigestItem> events = new ArrayList<>();
        for (Signal signal : signals) {
            if (!signal.subject().is(MonitorSignals.SUBJECT) || MonitorSignals.UP.equals(signal.kind())) {
                continue;
            }
            messages.facts(signal).filter(f -> f.monitor().createIssue())
                    .ifPresent(f -> events.add(MonitorIssueEvents.event(f, signal.createdAt())));
        }
        if (!events.isEmpty()) {
            afterCommit(() -> submit(events));
        }
    }

    private void submit(List<DigestItem> events) {
        try {
            digester.submit(events).whenComplete((written, error) -> {
                if (error != null) {
                    log.warn("monitor issue events could not be written: {}", error.toString());
                }
            });
        } catch (QueueFullException e) {
            log.warn("the digester is full: {} monitor issue events dropped", events.size());
        }
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
