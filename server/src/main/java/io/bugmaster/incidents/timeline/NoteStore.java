package io.bugmaster.incidents.timeline;

import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** People's lines of incident_log (kind {@code note}) and incident_pins: what the timeline lets people write. */
@Repository
class NoteStore {
    static final String NOTE = TimelineEntry.NOTE;

    private final JdbcClient db;

    NoteStore(JdbcClient db) {
        this.db = db;
    }

    /** Writes a note; {@code originalAt} is when it was written if its time was set to another, else null. */
    long insert(long incidentId, Instant at, Long userId, String actor, String via, String message, String link, Instant originalAt) {
        return db.sql("""
                INSERT INTO incident_log (incident_id, at, kind, user_id, actor, via, message, link, original_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(incidentId, at.toEpochMilli(), NOTE, userId, actor, via, message, link, Rows.millis(originalAt))
                .query(Long.class).single();
    }

    /** A line of the incident's log as far as editing it goes: its kind (only notes are edited), author, times, text and link. */
    record Line(long id, String kind, Long userId, Instant at, Instant originalAt, String message, String link) {}

    Optional<Line> find(long incidentId, long id) {
        return db.sql("SELECT id, kind, user_id, at, original_at, message, link FROM incident_log WHERE incident_id = ? AND id = ?")
                .params(incidentId, id)
                .query((rs, n) -> new Line(rs.getLong("id"), rs.getString("kind"), Rows.longValue(rs, "user_id"),
                        Instant.ofEpochMilli(rs.getLong("at")), Rows.instant(rs, "original_at"), rs.getString("message"), rs.getString("link")))
                .optional();
    }

    void update(long id, String message, Instant at, String link, Instant originalAt, Instant editedAt) {
        db.sql("UPDATE incident_log SET message = ?, at = ?, link = ?, original_at = ?, edited_at = ? WHERE id = ? AND kind = ?")
                .params(message, at.toEpochMilli(), link, Rows.millis(originalAt), editedAt.toEpochMilli(), id, NOTE).update();
    }

    void delete(long incidentId, long id, String entryId) {
        db.sql("DELETE FROM incident_pins WHERE incident_id = ? AND entry_id = ?").params(incidentId, entryId).update();
        db.sql("DELETE FROM incident_log WHERE incident_id = ? AND id = ? AND kind = ?").params(incidentId, id, NOTE).update();
    }

    void pin(long incidentId, String entryId, long userId, Instant at) {
        db.sql("INSERT INTO incident_pins (incident_id, entry_id, pinned_by, pinned_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(incidentId, entryId, userId, at.toEpochMilli()).update();
    }

    void unpin(long incidentId, String entryId) {
        db.sql("DELETE FROM incident_pins WHERE incident_id = ? AND entry_id = ?").params(incidentId, entryId).update();
    }
}
