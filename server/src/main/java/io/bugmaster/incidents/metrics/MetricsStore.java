package io.bugmaster.incidents.metrics;

import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the metrics count: an organization's incidents created in a window (at most
 * {@code limit}, oldest first), with their first acknowledgement (from the log: the incident's own
 * column holds the latest one, and an incident that triggered again is acknowledged again), their
 * services and teams, the stages they entered and the pages sent to people.
 */
@Repository
class MetricsStore {
    /** The incidents counted: every other query reads rows of these only, so the whole read stays bounded. */
    private static final String WINDOW = "SELECT w.id FROM incidents w WHERE w.org_id = ? AND w.created_at >= ? AND w.created_at < ?"
            + " ORDER BY w.created_at, w.id LIMIT ?";
    private static final String ONE = "SELECT w.id FROM incidents w WHERE w.id = ? AND w.org_id = ?";

    private final JdbcClient db;

    MetricsStore(JdbcClient db) {
        this.db = db;
    }

    /** The incidents read, and whether the window held more than {@code limit}. */
    record Read(List<CountedIncident> incidents, boolean truncated) {}

    Read incidents(long orgId, Instant from, Instant to, int limit) {
        Map<Long, Row> rows = read(WINDOW, new Object[] {orgId, from.toEpochMilli(), to.toEpochMilli(), limit + 1});
        boolean truncated = rows.size() > limit;
        if (truncated) {
            rows.remove(new ArrayList<>(rows.keySet()).get(limit));
        }
        return new Read(rows.values().stream().map(Row::counted).toList(), truncated);
    }

    /** One incident as counted, for its own page. */
    Optional<CountedIncident> incident(long orgId, long incidentId) {
        return read(ONE, new Object[] {incidentId, orgId}).values().stream().map(Row::counted).findFirst();
    }

    /** The incidents that {@code ids} (a query of incident ids with these parameters) names, with what is counted of each. */
    private Map<Long, Row> read(String ids, Object[] window) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        db.sql("""
                SELECT i.id, i.number, i.title, i.created_at, i.acknowledged_at, i.resolved_at, i.priority,
                    (SELECT MIN(l.at) FROM incident_log l WHERE l.incident_id = i.id AND l.kind = 'acknowledged') AS first_ack
                FROM incidents i WHERE i.id IN (%s) ORDER BY i.created_at, i.id""".formatted(ids))
                .params(window).query((rs, n) -> {
                    Instant firstAck = Rows.instant(rs, "first_ack");
                    return new Row(rs.getLong("id"), rs.getLong("number"), rs.getString("title"), Rows.instant(rs, "created_at"),
                            firstAck == null ? Rows.instant(rs, "acknowledged_at") : firstAck, Rows.instant(rs, "resolved_at"),
                            Rows.integer(rs, "priority"));
                }).list().forEach(r -> rows.put(r.id, r));
        db.sql("""
                SELECT s.incident_id, s.service_id, v.team_id FROM incident_services s JOIN services v ON v.id = s.service_id
                WHERE s.incident_id IN (%s) ORDER BY s.incident_id, s.service_id""".formatted(ids)).params(window)
                .query(rs -> {
                    Row r = rows.get(rs.getLong("incident_id"));
                    if (r != null) {
                        r.services.add(rs.getLong("service_id"));
                        Long team = Rows.longValue(rs, "team_id");
                        if (team != null && !r.teams.contains(team)) {
                            r.teams.add(team);
                        }
                    }
                });
        db.sql("SELECT incident_id, at, stage FROM incident_stage_changes WHERE incident_id IN (%s) ORDER BY incident_id, at"
                .formatted(ids)).params(window).query(rs -> {
                    Row r = rows.get(rs.getLong("incident_id"));
                    Optional<IncidentStage> stage = IncidentStage.parse(rs.getString("stage"));
                    if (r != null && stage.isPresent()) {
                        r.stages.add(new CountedIncident.StageEntered(stage.get(), Instant.ofEpochMilli(rs.getLong("at"))));
                    }
                });
        db.sql("""
                SELECT incident_id, user_id, at FROM incident_log
                WHERE incident_id IN (%s) AND kind = 'notified' AND user_id IS NOT NULL ORDER BY incident_id, id""".formatted(ids))
                .params(window).query(rs -> {
                    Row r = rows.get(rs.getLong("incident_id"));
                    if (r != null) {
                        r.pages.add(new CountedIncident.PageSent(rs.getLong("user_id"), Instant.ofEpochMilli(rs.getLong("at"))));
                    }
                });
        return rows;
    }

    /** The organization's services' names by id. */
    Map<Long, String> serviceNames(long orgId) {
        Map<Long, String> out = new LinkedHashMap<>();
        db.sql("SELECT id, name FROM services WHERE org_id = ? ORDER BY name, id").param(orgId)
                .query(rs -> {
                    out.put(rs.getLong("id"), rs.getString("name"));
                });
        return out;
    }

    private static final class Row {
        final long id;
        final long number;
        final String title;
        final Instant createdAt;
        final Instant firstAck;
        final Instant resolvedAt;
        final Integer priority;
        final List<Long> services = new ArrayList<>();
        final List<Long> teams = new ArrayList<>();
        final List<CountedIncident.StageEntered> stages = new ArrayList<>();
        final List<CountedIncident.PageSent> pages = new ArrayList<>();

        Row(long id, long number, String title, Instant createdAt, Instant firstAck, Instant resolvedAt, Integer priority) {
            this.id = id;
            this.number = number;
            this.title = title;
            this.createdAt = createdAt;
            this.firstAck = firstAck;
            this.resolvedAt = resolvedAt;
            this.priority = priority;
        }

        CountedIncident counted() {
            return new CountedIncident(id, number, title, createdAt, firstAck, resolvedAt, priority, services, teams, stages, pages);
        }
    }
}
