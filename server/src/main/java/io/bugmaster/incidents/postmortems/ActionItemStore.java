package io.bugmaster.incidents.postmortems;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incident_action_items. Due dates are stored as ISO days (2026-12-31), which sort as text. */
@Repository
class ActionItemStore {
    private final JdbcClient db;

    ActionItemStore(JdbcClient db) {
        this.db = db;
    }

    long insert(long orgId, long incidentId, String title, long ownerUserId, LocalDate due, String externalUrl, long createdBy, Instant now) {
        return db.sql("""
                INSERT INTO incident_action_items (org_id, incident_id, title, owner_user_id, due_date, status, external_url, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id""")
                .params(orgId, incidentId, title, ownerUserId, due == null ? null : due.toString(), externalUrl, createdBy, now.toEpochMilli())
                .query(Long.class).single();
    }

    Optional<ActionItem> find(long incidentId, long id) {
        return db.sql("SELECT * FROM incident_action_items WHERE incident_id = ? AND id = ?").params(incidentId, id)
                .query(ActionItemStore::map).optional();
    }

    List<ActionItem> ofIncident(long incidentId, int limit) {
        return db.sql("SELECT * FROM incident_action_items WHERE incident_id = ? ORDER BY id LIMIT ?").params(incidentId, limit)
                .query(ActionItemStore::map).list();
    }

    /** The organization's open items, the earliest due first (no due date last). */
    List<ActionItem> openOf(long orgId, int limit) {
        return db.sql("""
                SELECT * FROM incident_action_items WHERE org_id = ? AND status = 'open'
                ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 END, due_date, id LIMIT ?""")
                .params(orgId, limit).query(ActionItemStore::map).list();
    }

    /** A reminder was last sent (or never) before {@code remindedBefore}: open items whose due day is before {@code today}. */
    List<ActionItem> overdueToRemind(LocalDate today, Instant remindedBefore, int limit) {
        return db.sql("""
                SELECT * FROM incident_action_items
                WHERE status = 'open' AND due_date < ? AND owner_user_id IS NOT NULL AND (last_reminded_at IS NULL OR last_reminded_at <= ?)
                ORDER BY id LIMIT ?""")
                .params(today.toString(), remindedBefore.toEpochMilli(), limit).query(ActionItemStore::map).list();
    }

    /** Claims the reminder of an item: true only for the one caller that saw it last reminded at {@code seen} (null: never). */
    boolean claimReminder(long id, Instant seen, Instant now) {
        if (seen == null) {
            return db.sql("UPDATE incident_action_items SET last_reminded_at = ? WHERE id = ? AND last_reminded_at IS NULL")
                    .params(now.toEpochMilli(), id).update() == 1;
        }
        return db.sql("UPDATE incident_action_items SET last_reminded_at = ? WHERE id = ? AND last_reminded_at = ?")
                .params(now.toEpochMilli(), id, seen.toEpochMilli()).update() == 1;
    }

    void update(long id, String title, long ownerUserId, LocalDate due, boolean done, String externalUrl, Instant doneAt) {
        db.sql("""
                UPDATE incident_action_items SET title = ?, owner_user_id = ?, due_date = ?, status = ?, external_url = ?, done_at = ?
                WHERE id = ?""")
                .params(title, ownerUserId, due == null ? null : due.toString(), done ? "done" : "open", externalUrl, Rows.millis(doneAt), id)
                .update();
    }

    boolean delete(long incidentId, long id) {
        return db.sql("DELETE FROM incident_action_items WHERE incident_id = ? AND id = ?").params(incidentId, id).update() == 1;
    }

    private static ActionItem map(ResultSet rs, int n) throws SQLException {
        String due = rs.getString("due_date");
        return new ActionItem(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("incident_id"), rs.getString("title"),
                Rows.longValue(rs, "owner_user_id"), due == null ? null : LocalDate.parse(due), "done".equals(rs.getString("status")),
                rs.getString("external_url"), Rows.longValue(rs, "created_by"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Rows.instant(rs, "done_at"), Rows.instant(rs, "last_reminded_at"));
    }
}
