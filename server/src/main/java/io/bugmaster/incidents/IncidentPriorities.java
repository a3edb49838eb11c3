package io.bugmaster.incidents;

import io.bugmaster.storage.Rows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incident_priorities: an organization's priorities, or {@link Priority#DEFAULTS} when it has written none. */
@Repository
public class IncidentPriorities {
    private final JdbcClient db;

    IncidentPriorities(JdbcClient db) {
        this.db = db;
    }

    public List<Priority> of(long orgId) {
        List<Priority> own = db.sql("SELECT * FROM incident_priorities WHERE org_id = ? ORDER BY level").param(orgId)
                .query((rs, n) -> new Priority(rs.getInt("level"), rs.getString("label"), rs.getString("description"),
                        Rows.integer(rs, "update_reminder_minutes")))
                .list();
        return own.isEmpty() ? Priority.DEFAULTS : own;
    }

    public Optional<Priority> find(long orgId, int level) {
        return of(orgId).stream().filter(p -> p.level() == level).findFirst();
    }

    /** Replaces the organization's priorities (levels 1..n in order), in the caller's transaction. */
    void replace(long orgId, List<Priority> priorities) {
        db.sql("DELETE FROM incident_priorities WHERE org_id = ?").param(orgId).update();
        for (Priority p : priorities) {
            db.sql("INSERT INTO incident_priorities (org_id, level, label, description, update_reminder_minutes) VALUES (?, ?, ?, ?, ?)")
                    .params(orgId, p.level(), p.label(), p.description(), p.updateReminderMinutes()).update();
        }
    }
}
