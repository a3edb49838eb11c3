package io.bugmaster.incidents;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of alerts and change_events. */
@Repository
class AlertStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> LINKS = new TypeReference<>() {};

    private final JdbcClient db;
    private final io.bugmaster.storage.Dialect dialect;

    AlertStore(JdbcClient db, io.bugmaster.storage.Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    /** The alert with this key in this scope that is not resolved (there is at most one), locked for the caller's transaction. */
    Optional<Alert> findOpen(String scope, String dedupKey) {
        return db.sql("SELECT * FROM alerts WHERE scope = ? AND dedup_key = ? AND status <> 'resolved'" + dialect.lockRows())
                .params(scope, dedupKey).query(AlertStore::map).optional();
    }

    /** The services with an open alert that Bugmaster opened (scope {@code service:}) under this key. */
    List<Long> servicesWithOpenKey(long orgId, String dedupKey) {
        return db.sql("SELECT DISTINCT service_id FROM alerts WHERE org_id = ? AND dedup_key = ? AND status <> 'resolved' AND scope LIKE 'service:%'")
                .params(orgId, dedupKey).query(Long.class).list();
    }

    long insert(long orgId, long serviceId, Long integrationId, String scope, String dedupKey, String summary, String source,
            String severity, Map<String, Object> details, long incidentId, Instant now) {
        return db.sql("""
                INSERT INTO alerts (org_id, service_id, integration_id, scope, dedup_key, status, summary, source, severity, details,
                    incident_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(orgId, serviceId, integrationId, scope, dedupKey, summary, source, severity, JSON.writeValueAsString(details),
                        incidentId, now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class).single();
    }

    /** A repeated trigger: the open alert takes the new summary, severity and details. */
    void retrigger(long id, String summary, String source, String severity, Map<String, Object> details, Instant now) {
        db.sql("UPDATE alerts SET summary = ?, source = ?, severity = ?, details = ?, updated_at = ? WHERE id = ?")
                .params(summary, source, severity, JSON.writeValueAsString(details), now.toEpochMilli(), id).update();
    }

    boolean acknowledge(long id, Instant now) {
        return db.sql("UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, updated_at = ? WHERE id = ? AND status = 'open'")
                .params(now.toEpochMilli(), now.toEpochMilli(), id).update() == 1;
    }

    boolean resolve(long id, Instant now) {
        return db.sql("UPDATE alerts SET status = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ? AND status <> 'resolved'")
                .params(now.toEpochMilli(), now.toEpochMilli(), id).update() == 1;
    }

    /** Acknowledges the incident's open alerts (the incident was acknowledged): they send no more notifications. */
    void acknowledgeAllOf(long incidentId, Instant now) {
        db.sql("UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, updated_at = ? WHERE incident_id = ? AND status = 'open'")
                .params(now.toEpochMilli(), now.toEpochMilli(), incidentId).update();
    }

    /** The acknowledgement timed out: the incident's acknowledged alerts are open again. */
    void reopenAcknowledged(long incidentId, Instant now) {
        db.sql("UPDATE alerts SET status = 'open', acknowledged_at = NULL, updated_at = ? WHERE incident_id = ? AND status = 'acknowledged'")
                .params(now.toEpochMilli(), incidentId).update();
    }

    void resolveAllOf(long incidentId, Instant now) {
        db.sql("UPDATE alerts SET status = 'resolved', resolved_at = ?, updated_at = ? WHERE incident_id = ? AND status <> 'resolved'")
                .params(now.toEpochMilli(), now.toEpochMilli(), incidentId).update();
    }

    /** How many of the incident's alerts are in this status. */
    long count(long incidentId, String status) {
        return db.sql("SELECT COUNT(*) FROM alerts WHERE incident_id = ? AND status = ?").params(incidentId, status)
                .query(Long.class).single();
    }

    List<Alert> ofIncident(long incidentId, int limit) {
        return db.sql("SELECT * FROM alerts WHERE incident_id = ? ORDER BY id LIMIT ?").params(incidentId, limit)
                .query(AlertStore::map).list();
    }

    void insertChange(long orgId, long serviceId, long integrationId, String summary, String source, Instant happenedAt,
            Map<String, Object> details, List<Map<String, String>> links, Instant now) {
        db.sql("""
                INSERT INTO change_events (org_id, service_id, integration_id, summary, source, happened_at, details, links, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, serviceId, integrationId, summary, source, happenedAt.toEpochMilli(), JSON.writeValueAsString(details),
                        JSON.writeValueAsString(links), now.toEpochMilli())
                .update();
    }

    /** The change events of these services that happened in [from, to], newest first. */
    List<ChangeEvent> changes(java.util.Collection<Long> serviceIds, Instant from, Instant to, int limit) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return db.sql("""
                SELECT id, service_id, summary, source, happened_at, links FROM change_events
                WHERE service_id IN (:services) AND happened_at >= :from AND happened_at <= :to
                ORDER BY happened_at DESC, id DESC LIMIT :limit""")
                .param("services", List.copyOf(serviceIds)).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .param("limit", limit)
                .query((rs, n) -> new ChangeEvent(rs.getLong("id"), rs.getLong("service_id"), rs.getString("summary"), rs.getString("source"),
                        Instant.ofEpochMilli(rs.getLong("happened_at")), JSON.readValue(rs.getString("links"), LINKS)))
                .list();
    }

    private static Alert map(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("service_id"), Rows.longValue(rs, "integration_id"),
                rs.getString("dedup_key"), rs.getString("status"), rs.getString("summary"), rs.getString("source"), rs.getString("severity"),
                JSON.readValue(rs.getString("details"), OBJECT), rs.getLong("incident_id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), Rows.instant(rs, "acknowledged_at"), Rows.instant(rs, "resolved_at"));
    }
}
