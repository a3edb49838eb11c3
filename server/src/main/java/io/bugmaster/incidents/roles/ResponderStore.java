package io.bugmaster.incidents.roles;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incident_responders: who was asked to respond to an incident, by whom, when and through what. */
@Repository
class ResponderStore {
    private final JdbcClient db;

    ResponderStore(JdbcClient db) {
        this.db = db;
    }

    record Row(long id, long incidentId, Long userId, Long requestedBy, Instant requestedAt, String through, String message) {}

    long insert(long incidentId, long userId, Long requestedBy, Instant now, String through, String message) {
        return db.sql("""
                INSERT INTO incident_responders (incident_id, user_id, requested_by, requested_at, through, message) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING id""")
                .params(incidentId, userId, requestedBy, now.toEpochMilli(), through, message).query(Long.class).single();
    }

    /** The incident's requests, newest first. */
    List<Row> of(long incidentId, int limit) {
        return db.sql("SELECT * FROM incident_responders WHERE incident_id = ? ORDER BY requested_at DESC, id DESC LIMIT ?")
                .params(incidentId, limit)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("incident_id"), Rows.longValue(rs, "user_id"),
                        Rows.longValue(rs, "requested_by"), Rows.instant(rs, "requested_at"), rs.getString("through"), rs.getString("message")))
                .list();
    }
}
