package io.bugmaster.changes;

import io.bugmaster.changes.ChangeRules.NewChange;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of changes, change_services and change_projects. */
@Repository
class ChangeStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Change.Link>> LINKS = new TypeReference<>() {};

    private final JdbcClient db;

    ChangeStore(JdbcClient db) {
        this.db = db;
    }

    long insert(long orgId, NewChange c, List<Long> projectIds, Long createdBy, Instant now) {
        long id = db.sql("""
                INSERT INTO changes (org_id, kind, summary, environment, who, links, happened_at, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(orgId, c.kind().id(), c.summary(), c.environment(), c.who(), JSON.writeValueAsString(c.links()),
                        c.happenedAt().toEpochMilli(), now.toEpochMilli(), createdBy)
                .query(Long.class).single();
        for (long serviceId : c.serviceIds()) {
            db.sql("INSERT INTO change_services (change_id, service_id) VALUES (?, ?)").params(id, serviceId).update();
        }
        for (long projectId : projectIds) {
            db.sql("INSERT INTO change_projects (change_id, project_id) VALUES (?, ?)").params(id, projectId).update();
        }
        return id;
    }

    java.util.Optional<Change> find(long id) {
        return withTargets(db.sql("SELECT * FROM changes WHERE id = ?").param(id).query(ChangeStore::map).list()).stream().findFirst();
    }

    /** What a list asks for; null fields do not narrow. */
    record Filter(Long serviceId, Long projectId, ChangeKind kind, Instant since, Instant until) {}

    /** A page of the organization's changes, newest first. */
    List<Change> list(long orgId, Filter f, int offset, int limitPlusOne) {
        StringBuilder sql = new StringBuilder("SELECT * FROM changes c WHERE c.org_id = :org");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        if (f.serviceId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM change_services s WHERE s.change_id = c.id AND s.service_id = :service)");
            params.put("service", f.serviceId());
        }
        if (f.projectId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM change_projects p WHERE p.change_id = c.id AND p.project_id = :project)");
            params.put("project", f.projectId());
        }
        if (f.kind() != null) {
            sql.append(" AND c.kind = :kind");
            params.put("kind", f.kind().id());
        }
        if (f.since() != null) {
            sql.append(" AND c.happened_at >= :since");
            params.put("since", f.since().toEpochMilli());
        }
        if (f.until() != null) {
            sql.append(" AND c.happened_at <= :until");
            params.put("until", f.until().toEpochMilli());
        }
        sql.append(" ORDER BY c.happened_at DESC, c.id DESC LIMIT :limit OFFSET :offset");
        params.put("limit", limitPlusOne);
        params.put("offset", offset);
        return withTargets(db.sql(sql.toString()).params(params).query(ChangeStore::map).list());
    }

    /** The organization's changes in [from, to] that name any of these services or projects, newest first. */
    List<Change> touching(long orgId, Collection<Long> serviceIds, Collection<Long> projectIds, Instant from, Instant to, int limit) {
        if (serviceIds.isEmpty() && projectIds.isEmpty()) {
            return List.of();
        }
        // IN () is not SQL: an empty side gets an id no row has
        List<Long> services = serviceIds.isEmpty() ? List.of(-1L) : List.copyOf(serviceIds);
        List<Long> projects = projectIds.isEmpty() ? List.of(-1L) : List.copyOf(projectIds);
        return withTargets(db.sql("""
                SELECT * FROM changes c WHERE c.org_id = :org AND c.happened_at >= :from AND c.happened_at <= :to
                  AND (EXISTS (SELECT 1 FROM change_services s WHERE s.change_id = c.id AND s.service_id IN (:services))
                    OR EXISTS (SELECT 1 FROM change_projects p WHERE p.change_id = c.id AND p.project_id IN (:projects)))
                ORDER BY c.happened_at DESC, c.id DESC LIMIT :limit""")
                .param("org", orgId).param("from", from.toEpochMilli()).param("to", to.toEpochMilli()).param("services", services)
                .param("projects", projects).param("limit", limit).query(ChangeStore::map).list());
    }

    /** The changes with their services' and projects' ids (two more queries for any number of changes). */
    private List<Change> withTargets(List<Change> found) {
        if (found.isEmpty()) {
            return found;
        }
        List<Long> ids = found.stream().map(Change::id).toList();
        Map<Long, List<Long>> services = new HashMap<>();
        db.sql("SELECT change_id, service_id FROM change_services WHERE change_id IN (:ids) ORDER BY service_id").param("ids", ids)
                .query((rs, n) -> services.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        Map<Long, List<Long>> projects = new HashMap<>();
        db.sql("SELECT change_id, project_id FROM change_projects WHERE change_id IN (:ids) ORDER BY project_id").param("ids", ids)
                .query((rs, n) -> projects.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2))).list();
        return found.stream().map(c -> new Change(c.id(), c.orgId(), c.kind(), c.summary(), c.environment(), c.who(), c.links(),
                c.happenedAt(), c.createdAt(), c.createdBy(), services.getOrDefault(c.id(), List.of()),
                projects.getOrDefault(c.id(), List.of()))).toList();
    }

    private static Change map(ResultSet rs, int row) throws SQLException {
        return new Change(rs.getLong("id"), rs.getLong("org_id"), ChangeKind.parse(rs.getString("kind")).orElseThrow(),
                rs.getString("summary"), rs.getString("environment"), rs.getString("who"), JSON.readValue(rs.getString("links"), LINKS),
                Instant.ofEpochMilli(rs.getLong("happened_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Rows.longValue(rs, "created_by"), List.of(), List.of());
    }
}
