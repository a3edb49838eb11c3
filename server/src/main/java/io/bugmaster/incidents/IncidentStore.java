package io.bugmaster.incidents;

import io.bugmaster.oncall.Urgency;
import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incidents, incident_counters, incident_assignees, incident_log (and its pins) and incident_link_uses. */
@Repository
class IncidentStore {
    private final JdbcClient db;
    private final Dialect dialect;

    IncidentStore(JdbcClient db, Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    /** The organization's next incident number: one atomic upsert, so nodes writing at once never share a number. */
    long nextNumber(long orgId) {
        return db.sql("""
                INSERT INTO incident_counters (org_id, last_number) VALUES (?, 1)
                ON CONFLICT (org_id) DO UPDATE SET last_number = incident_counters.last_number + 1 RETURNING last_number""")
                .param(orgId).query(Long.class).single();
    }

    long insert(long orgId, long number, long serviceId, String title, Urgency urgency, String groupKey, Instant nextEscalationAt,
            Instant autoResolveAt, Instant now) {
        return db.sql("""
                INSERT INTO incidents (org_id, number, service_id, title, urgency, status, group_key, next_escalation_at,
                    auto_resolve_at, last_alert_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'triggered', ?, ?, ?, ?, ?) RETURNING id""")
                .params(orgId, number, serviceId, title, urgency.name().toLowerCase(Locale.ROOT), groupKey, Rows.millis(nextEscalationAt),
                        Rows.millis(autoResolveAt), now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class).single();
    }

    /** Records that the incident entered a stage (null user: the system did it). */
    void stageEntered(long incidentId, IncidentStage stage, Long userId, Instant at) {
        db.sql("INSERT INTO incident_stage_changes (incident_id, at, stage, user_id) VALUES (?, ?, ?, ?)")
                .params(incidentId, at.toEpochMilli(), stage.id(), userId).update();
    }

    /** Adds an impacted service (the incident's own service is added when it is opened). */
    void addService(long incidentId, long serviceId) {
        db.sql("INSERT INTO incident_services (incident_id, service_id) VALUES (?, ?) ON CONFLICT DO NOTHING").params(incidentId, serviceId)
                .update();
    }

    /** The impacted services' ids, the incident's own service first. */
    List<Long> serviceIds(long incidentId) {
        return db.sql("""
                SELECT s.service_id FROM incident_services s JOIN incidents i ON i.id = s.incident_id WHERE s.incident_id = ?
                ORDER BY CASE WHEN s.service_id = i.service_id THEN 0 ELSE 1 END, s.service_id""")
                .param(incidentId).query(Long.class).list();
    }

    /** The human side of a declared incident: its priority, first description and who declared it. */
    void declared(long incidentId, int priority, String description, long userId) {
        db.sql("UPDATE incidents SET priority = ?, description = ?, declared_by = ? WHERE id = ?")
                .params(priority, description, userId, incidentId).update();
    }

    void setTitle(long incidentId, String title) {
        db.sql("UPDATE incidents SET title = ? WHERE id = ?").params(title, incidentId).update();
    }

    void setDescription(long incidentId, String description) {
        db.sql("UPDATE incidents SET description = ? WHERE id = ?").params(description, incidentId).update();
    }

    /** Sets the priority; the first person to give an incident one (an alert opened it) declares it. */
    void setPriority(long incidentId, int priority, Long userId) {
        db.sql("UPDATE incidents SET priority = ?, declared_by = CASE WHEN priority IS NULL THEN ? ELSE declared_by END WHERE id = ?")
                .params(priority, userId, incidentId).update();
    }

    /** Moves an open incident to a stage; false when it is resolved (resolving goes through the status). */
    boolean setStage(long incidentId, IncidentStage stage) {
        return db.sql("UPDATE incidents SET stage = ? WHERE id = ? AND status <> 'resolved'").params(stage.id(), incidentId).update() == 1;
    }

    void removeService(long incidentId, long serviceId) {
        db.sql("DELETE FROM incident_services WHERE incident_id = ? AND service_id = ?").params(incidentId, serviceId).update();
    }

    /** Links an error issue; false when it was linked already. */
    boolean linkIssue(long incidentId, long issueId, Long userId, Instant at) {
        return db.sql("INSERT INTO incident_issues (incident_id, issue_id, linked_at, linked_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(incidentId, issueId, at.toEpochMilli(), userId).update() == 1;
    }

    /** Unlinks an error issue; false when it was not linked. */
    boolean unlinkIssue(long incidentId, long issueId) {
        return db.sql("DELETE FROM incident_issues WHERE incident_id = ? AND issue_id = ?").params(incidentId, issueId).update() == 1;
    }

    /** The linked error issues' ids, in the order they were linked. */
    /** The organization's incidents an error issue is linked to, newest first. */
    List<Incident> linkedTo(long orgId, long issueId, int limit) {
        return db.sql("""
                SELECT i.* FROM incidents i JOIN incident_issues l ON l.incident_id = i.id
                WHERE i.org_id = ? AND l.issue_id = ? ORDER BY i.number DESC LIMIT ?""")
                .params(orgId, issueId, limit).query(IncidentStore::map).list();
    }

    List<Long> issueIds(long incidentId) {
        return db.sql("SELECT issue_id FROM incident_issues WHERE incident_id = ? ORDER BY linked_at, issue_id").param(incidentId)
                .query(Long.class).list();
    }

    Optional<Incident> find(long id) {
        return db.sql("SELECT * FROM incidents WHERE id = ?").param(id).query(IncidentStore::map).optional();
    }

    /** The incident, locked against other writers until the transaction ends (PostgreSQL). */
    Optional<Incident> findForUpdate(long id) {
        return db.sql("SELECT * FROM incidents WHERE id = ?" + dialect.lockRows()).param(id).query(IncidentStore::map).optional();
    }

    Optional<Incident> findByNumber(long orgId, long number) {
        return db.sql("SELECT * FROM incidents WHERE org_id = ? AND number = ?").params(orgId, number).query(IncidentStore::map).optional();
    }

    /** What the list is narrowed to; empty collections and nulls narrow nothing. {@code titleContains} ignores case. */
    record Filter(Collection<String> statuses, Collection<String> stages, Collection<Integer> priorities, Long serviceId,
            String titleContains, Boolean declared) {
        static Filter statuses(Collection<String> statuses, Long serviceId) {
            return new Filter(statuses, List.of(), List.of(), serviceId, null, null);
        }
    }

    List<Incident> list(long orgId, Filter f, int offset, int limitPlusOne) {
        StringBuilder sql = new StringBuilder("SELECT * FROM incidents WHERE org_id = :org");
        if (!f.statuses().isEmpty()) {
            sql.append(" AND status IN (:statuses)");
        }
        if (!f.stages().isEmpty()) {
            sql.append(" AND stage IN (:stages)");
        }
        if (!f.priorities().isEmpty()) {
            sql.append(" AND priority IN (:priorities)");
        }
        if (f.serviceId() != null) {
            sql.append(" AND id IN (SELECT incident_id FROM incident_services WHERE service_id = :service)");
        }
        if (f.titleContains() != null) {
            sql.append(" AND LOWER(title) LIKE :query ESCAPE '!'");
        }
        if (f.declared() != null) {
            sql.append(f.declared() ? " AND priority IS NOT NULL" : " AND priority IS NULL");
        }
        sql.append(" ORDER BY number DESC LIMIT :limit OFFSET :offset");
        var spec = db.sql(sql.toString()).param("org", orgId).param("limit", limitPlusOne).param("offset", offset);
        if (!f.statuses().isEmpty()) {
            spec = spec.param("statuses", List.copyOf(f.statuses()));
        }
        if (!f.stages().isEmpty()) {
            spec = spec.param("stages", List.copyOf(f.stages()));
        }
        if (!f.priorities().isEmpty()) {
            spec = spec.param("priorities", List.copyOf(f.priorities()));
        }
        if (f.serviceId() != null) {
            spec = spec.param("service", f.serviceId());
        }
        if (f.titleContains() != null) {
            String escaped = f.titleContains().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            spec = spec.param("query", "%" + escaped + "%");
        }
        return spec.query(IncidentStore::map).list();
    }

    /** How many incidents of these services are open (triggered or acknowledged), and the newest {@code limit} of them. */
    long countOpen(long orgId, Collection<Long> serviceIds) {
        if (serviceIds.isEmpty()) {
            return 0;
        }
        return db.sql("SELECT COUNT(*) FROM incidents WHERE org_id = :org AND status IN ('triggered', 'acknowledged') AND service_id IN (:services)")
                .param("org", orgId).param("services", List.copyOf(serviceIds)).query(Long.class).single();
    }

    List<Incident> newestOpen(long orgId, Collection<Long> serviceIds, int limit) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return db.sql("""
                SELECT * FROM incidents WHERE org_id = :org AND status IN ('triggered', 'acknowledged') AND service_id IN (:services)
                ORDER BY number DESC LIMIT :limit""")
                .param("org", orgId).param("services", List.copyOf(serviceIds)).param("limit", limit).query(IncidentStore::map).list();
    }

    /** The newest incident of the service that is not resolved, with this group key; for time windows, whose last alert came since {@code since}. */
    Optional<Incident> openToJoin(long serviceId, String groupKey, Instant since) {
        return db.sql("""
                SELECT * FROM incidents WHERE service_id = ? AND status <> 'resolved' AND group_key = ? AND last_alert_at >= ?
                ORDER BY id DESC LIMIT 1""" + dialect.lockRows())
                .params(serviceId, groupKey, since == null ? Long.MIN_VALUE : since.toEpochMilli()).query(IncidentStore::map).optional();
    }

    /** Ids of unresolved incidents with a deadline at or before {@code now}, oldest deadline first. */
    List<Long> due(Instant now, int limit) {
        long t = now.toEpochMilli();
        return db.sql("""
                SELECT id FROM incidents WHERE status <> 'resolved'
                AND (next_escalation_at <= ? OR ack_timeout_at <= ? OR auto_resolve_at <= ?) ORDER BY id LIMIT ?""")
                .params(t, t, t, limit).query(Long.class).list();
    }

    /**
     * Applies a change of escalation state if the incident is still at {@code version}: true when this
     * caller made it (and may page), false when another node or request changed the incident first.
     */
    boolean transition(long id, long version, IncidentStatus status, int level, int loop, Instant nextEscalationAt, Instant ackTimeoutAt,
            Instant autoResolveAt, Instant acknowledgedAt, Instant resolvedAt) {
        return db.sql("""
                UPDATE incidents SET status = ?, escalation_level = ?, escalation_loop = ?, next_escalation_at = ?, ack_timeout_at = ?,
                    auto_resolve_at = ?, acknowledged_at = ?, resolved_at = ?, version = version + 1,
                    stage = CASE WHEN ? = 'resolved' THEN 'resolved' ELSE stage END
                WHERE id = ? AND version = ?""")
                .params(status.id(), level, loop, Rows.millis(nextEscalationAt), Rows.millis(ackTimeoutAt), Rows.millis(autoResolveAt),
                        Rows.millis(acknowledgedAt), Rows.millis(resolvedAt), status.id(), id, version)
                .update() == 1;
    }

    /** A new alert joined the incident: its last alert time and auto-resolve deadline move. */
    void alertJoined(long id, Instant at, Instant autoResolveAt) {
        db.sql("UPDATE incidents SET last_alert_at = ?, auto_resolve_at = ?, version = version + 1 WHERE id = ?")
                .params(at.toEpochMilli(), Rows.millis(autoResolveAt), id).update();
    }

    void setAssignees(long incidentId, Collection<Long> userIds, Instant now) {
        db.sql("DELETE FROM incident_assignees WHERE incident_id = ?").param(incidentId).update();
        for (long userId : userIds) {
            db.sql("INSERT INTO incident_assignees (incident_id, user_id, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(incidentId, userId, now.toEpochMilli()).update();
        }
    }

    List<Long> assignees(long incidentId) {
        return db.sql("SELECT user_id FROM incident_assignees WHERE incident_id = ? ORDER BY assigned_at, user_id")
                .param(incidentId).query(Long.class).list();
    }

    void log(long incidentId, Instant at, String kind, Long userId, String actor, String via, String message) {
        db.sql("INSERT INTO incident_log (incident_id, at, kind, user_id, actor, via, message) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, at.toEpochMilli(), kind, userId, actor, via, message.length() > 2000 ? message.substring(0, 2000) : message)
                .update();
    }

    List<IncidentLogEntry> log(long incidentId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM incident_log WHERE incident_id = ? ORDER BY id LIMIT ? OFFSET ?")
                .params(incidentId, limitPlusOne, offset)
                .query((rs, n) -> new IncidentLogEntry(rs.getLong("id"), rs.getLong("incident_id"), Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("kind"), Rows.longValue(rs, "user_id"), rs.getString("actor"), rs.getString("via"),
                        rs.getString("message")))
                .list();
    }

    /** The incident's log as timeline entries (notes editable, every other kind automatic), in the order written. */
    List<TimelineEntry> timeline(long incidentId, int limit) {
        return db.sql("SELECT * FROM incident_log WHERE incident_id = ? ORDER BY id LIMIT ?").params(incidentId, limit)
                .query((rs, n) -> {
                    String kind = rs.getString("kind");
                    return new TimelineEntry("log:" + rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), kind,
                            Rows.longValue(rs, "user_id"), rs.getString("actor"), rs.getString("via"), rs.getString("message"),
                            rs.getString("link"), !TimelineEntry.NOTE.equals(kind), false, Rows.instant(rs, "original_at"),
                            Rows.instant(rs, "edited_at"));
                })
                .list();
    }

    /** The ids of the incident's pinned timeline entries. */
    java.util.Set<String> pins(long incidentId) {
        return new java.util.HashSet<>(db.sql("SELECT entry_id FROM incident_pins WHERE incident_id = ?").param(incidentId)
                .query(String.class).list());
    }

    /** Records a one-click link's use; false when it was used before. */
    boolean useLink(String tokenId, long incidentId, Instant now, Instant expiresAt) {
        return db.sql("INSERT INTO incident_link_uses (token_id, incident_id, used_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING")
                .params(tokenId, incidentId, now.toEpochMilli(), expiresAt.toEpochMilli()).update() == 1;
    }

    Optional<Instant> linkUsedAt(String tokenId) {
        return db.sql("SELECT used_at FROM incident_link_uses WHERE token_id = ?").param(tokenId).query(Long.class).optional()
                .map(Instant::ofEpochMilli);
    }

    int forgetExpiredLinks(Instant before) {
        return db.sql("DELETE FROM incident_link_uses WHERE expires_at <= ?").param(before.toEpochMilli()).update();
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("number"), rs.getLong("service_id"), rs.getString("title"),
                Urgency.valueOf(rs.getString("urgency").toUpperCase(Locale.ROOT)), IncidentStatus.of(rs.getString("status")),
                rs.getString("group_key"), rs.getInt("escalation_level"), rs.getInt("escalation_loop"), Rows.instant(rs, "next_escalation_at"),
                Rows.instant(rs, "ack_timeout_at"), Rows.instant(rs, "auto_resolve_at"), rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("last_alert_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Rows.instant(rs, "acknowledged_at"), Rows.instant(rs, "resolved_at"), Rows.integer(rs, "priority"),
                IncidentStage.of(rs.getString("stage")), rs.getString("description"),
                Rows.longValue(rs, "declared_by"));
    }
}
