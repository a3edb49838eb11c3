package io.bugmaster.incidents.whatchanged;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.whatchanged.Checklist.Answer;
import io.bugmaster.incidents.whatchanged.Checklist.Recorded;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * An incident's checklist and fixing decision. Reading needs {@code event:read}, answering and
 * deciding {@code event:write} (every member, as acknowledging). Each answer that changes something
 * writes a {@code checklist} line to the incident's log; each decision a {@code decision} line and
 * the signal {@code incident.decision}.
 */
@Service
public class WhatChanged {
    public static final String DECISION_SIGNAL = "incident.decision";
    static final int DECISIONS_SHOWN = 20;

    private final Incidents incidents;
    private final WhatChangedStore store;
    private final IncidentLog log;
    private final Signals signals;
    private final Transactions tx;
    private final Clock clock;

    WhatChanged(Incidents incidents, WhatChangedStore store, IncidentLog log, Signals signals, Transactions tx, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.log = log;
        this.signals = signals;
        this.tx = tx;
        this.clock = clock;
    }

    /** The checklist's answers so far, in the questions' order (unanswered questions are absent). */
    public List<Recorded> checklist(Actor actor, String orgSlug, String number) {
        return answers(incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident());
    }

    /** For the incident's page, whose caller was checked. */
    public List<Recorded> answers(Incident incident) {
        return store.answers(incident.id()).stream().sorted(java.util.Comparator.comparing(Recorded::question)).toList();
    }

    /** Records the answers; those equal to the current answer and note are left as they are (and logged once). */
    public List<Recorded> answer(Actor actor, String orgSlug, String number, List<Answer> answers) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        Instant now = clock.instant();
        tx.write(() -> {
            Map<Checklist.Question, Recorded> current = new LinkedHashMap<>();
            store.answers(i.id()).forEach(r -> current.put(r.question(), r));
            for (Answer a : answers) {
                Recorded was = current.get(a.question());
                if (was != null && was.answer().equals(a.answer()) && Objects.equals(was.note(), a.note())) {
                    continue;
                }
                store.answer(i.id(), a, actor.userId(), now);
                log.append(i.id(), now, "checklist", actor.userId(), actor.email(), via(actor), Checklist.logLine(a));
            }
        });
        return answers(i);
    }

    public List<FixDecision> decisions(Actor actor, String orgSlug, String number) {
        return decisions(incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident());
    }

    /** The incident's decisions, the latest (the one that counts) first; for the incident's page, whose caller was checked. */
    public List<FixDecision> decisions(Incident incident) {
        return store.decisions(incident.id(), DECISIONS_SHOWN);
    }

    public FixDecision decide(Actor actor, String orgSlug, String number, FixDecision.Draft d) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        Instant now = clock.instant();
        long id = tx.write(() -> {
            long made = store.decide(i.id(), d, actor.userId(), now);
            FixDecision decision = new FixDecision(made, d.strategy(), d.restoreMinutes(), d.fixMinutes(), d.note(), actor.userId(), now);
            log.append(i.id(), now, "decision", actor.userId(), actor.email(), via(actor),
                    "Decided: " + decision.summary() + (d.note() == null ? "" : ". " + d.note()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("number", i.number());
            body.put("strategy", d.strategy().id());
            body.put("restore_minutes", d.restoreMinutes());
            body.put("fix_minutes", d.fixMinutes());
            body.put("by", actor.email());
            signals.raise(new NewSignal(i.orgId(), Subject.of("incident", i.id()), DECISION_SIGNAL, body), now);
            return made;
        });
        return store.decisions(i.id(), DECISIONS_SHOWN).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    private static String via(Actor actor) {
        return actor.viaToken() ? "api" : "web";
    }
}
