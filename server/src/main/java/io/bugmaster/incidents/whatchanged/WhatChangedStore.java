package io.bugmaster.incidents.whatchanged;

import io.bugmaster.incidents.whatchanged.Checklist.Answer;
import io.bugmaster.incidents.whatchanged.Checklist.Question;
import io.bugmaster.incidents.whatchanged.Checklist.Recorded;
import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incident_checklist_answers and incident_fix_decisions. */
@Repository
class WhatChangedStore {
    private final JdbcClient db;

    WhatChangedStore(JdbcClient db) {
        this.db = db;
    }

    List<Recorded> answers(long incidentId) {
        return db.sql("SELECT * FROM incident_checklist_answers WHERE incident_id = ?").param(incidentId)
                .query((rs, n) -> new Recorded(Question.parse(rs.getString("question")).orElseThrow(), rs.getString("answer"),
                        rs.getString("note"), Rows.longValue(rs, "answered_by"), Instant.ofEpochMilli(rs.getLong("answered_at"))))
                .list();
    }

    void answer(long incidentId, Answer a, Long userId, Instant at) {
        db.sql("""
                INSERT INTO incident_checklist_answers (incident_id, question, answer, note, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, question) DO UPDATE SET answer = excluded.answer, note = excluded.note,
                    answered_by = excluded.answered_by, answered_at = excluded.answered_at""")
                .params(incidentId, a.question().id(), a.answer(), a.note(), userId, at.toEpochMilli()).update();
    }

    long decide(long incidentId, FixDecision.Draft d, Long userId, Instant at) {
        return db.sql("""
                INSERT INTO incident_fix_decisions (incident_id, strategy, restore_minutes, fix_minutes, note, decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(incidentId, d.strategy().id(), d.restoreMinutes(), d.fixMinutes(), d.note(), userId, at.toEpochMilli())
                .query(Long.class).single();
    }

    /** The incident's decisions, the latest first. */
    List<FixDecision> decisions(long incidentId, int limit) {
        return db.sql("SELECT * FROM incident_fix_decisions WHERE incident_id = ? ORDER BY decided_at DESC, id DESC LIMIT ?")
                .params(incidentId, limit)
                .query((rs, n) -> new FixDecision(rs.getLong("id"), FixDecision.Strategy.parse(rs.getString("strategy")).orElseThrow(),
                        Rows.integer(rs, "restore_minutes"), Rows.integer(rs, "fix_minutes"), rs.getString("note"),
                        Rows.longValue(rs, "decided_by"), Instant.ofEpochMilli(rs.getLong("decided_at"))))
                .list();
    }
}
