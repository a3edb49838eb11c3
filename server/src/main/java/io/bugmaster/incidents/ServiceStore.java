package io.bugmaster.incidents;

import io.bugmaster.incidents.ServiceDefinition.Grouping;
import io.bugmaster.incidents.ServiceDefinition.UrgencyRule;
import io.bugmaster.incidents.ServiceRules.Draft;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of services and integrations. */
@Repository
class ServiceStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient db;

    ServiceStore(JdbcClient db) {
        this.db = db;
    }

    Optional<Long> insert(long orgId, Draft d, Instant now) {
        return db.sql("""
                INSERT INTO services (org_id, name, description, team_id, escalation_policy_id, runbook, urgency_rule, support_hours,
                    ack_timeout_seconds, auto_resolve_seconds, grouping, grouping_window_minutes, grouping_fields, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, name) DO NOTHING RETURNING id""")
                .params(orgId, d.name(), d.description(), d.teamId(), d.escalationPolicyId(), d.runbook(), d.urgencyRule().id(),
                        supportHours(d), d.acknowledgementTimeout(), d.autoResolveTimeout(), d.grouping().type().id(),
                        d.grouping().windowMinutes(), fields(d), now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class).optional();
    }

    void update(long orgId, long id, Draft d, Instant now) {
        db.sql("""
                UPDATE services SET name = ?, description = ?, team_id = ?, escalation_policy_id = ?, runbook = ?, urgency_rule = ?,
                    support_hours = ?, ack_timeout_seconds = ?, auto_resolve_seconds = ?, grouping = ?, grouping_window_minutes = ?,
                    grouping_fields = ?, updated_at = ?
                WHERE org_id = ? AND id = ?""")
                .params(d.name(), d.description(), d.teamId(), d.escalationPolicyId(), d.runbook(), d.urgencyRule().id(), supportHours(d),
                        d.acknowledgementTimeout(), d.autoResolveTimeout(), d.grouping().type().id(), d.grouping().windowMinutes(),
                        fields(d), now.toEpochMilli(), orgId, id)
                .update();
    }

    boolean nameTaken(long orgId, String name, long exceptId) {
        return db.sql("SELECT COUNT(*) FROM services WHERE org_id = ? AND name = ? AND id <> ?").params(orgId, name, exceptId)
                .query(Long.class).single() > 0;
    }

    Optional<ServiceDefinition> find(long orgId, long id) {
        return withProjects(db.sql("SELECT * FROM services WHERE org_id = ? AND id = ?").params(orgId, id).query(ServiceStore::map).list())
                .stream().findFirst();
    }

    Optional<ServiceDefinition> findByName(long orgId, String name) {
        return withProjects(db.sql("SELECT * FROM services WHERE org_id = ? AND name = ?").params(orgId, name).query(ServiceStore::map).list())
                .stream().findFirst();
    }

    List<ServiceDefinition> list(long orgId, int offset, int limitPlusOne) {
        return withProjects(db.sql("SELECT * FROM services WHERE org_id = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(ServiceStore::map).list());
    }

    /** Replaces the projects the service runs, in the caller's transaction. */
    void setProjects(long serviceId, List<Long> projectIds) {
        db.sql("DELETE FROM service_projects WHERE service_id = ?").param(serviceId).update();
        for (long projectId : projectIds) {
            db.sql("INSERT INTO service_projects (service_id, project_id) VALUES (?, ?)").params(serviceId, projectId).update();
        }
    }

    /** The projects these services run, each once. */
    List<Long> projectsOf(Collection<Long> serviceIds) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT DISTINCT project_id FROM service_projects WHERE service_id IN (:ids) ORDER BY project_id")
                .param("ids", List.copyOf(serviceIds)).query(Long.class).list();
    }

    /** The services as read, each with its project ids (one more query for any number of services). */
    private List<ServiceDefinition> withProjects(List<ServiceDefinition> found) {
        if (found.isEmpty()) {
            return found;
        }
        Map<Long, List<Long>> projects = new java.util.HashMap<>();
        db.sql("SELECT service_id, project_id FROM service_projects WHERE service_id IN (:ids) ORDER BY project_id")
                .param("ids", found.stream().map(ServiceDefinition::id).toList())
                .query((rs, n) -> projects.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getLong(2))).list();
        return found.stream().map(s -> new ServiceDefinition(s.id(), s.orgId(), s.name(), s.description(), s.teamId(),
                s.escalationPolicyId(), s.runbook(), s.urgencyRule(), s.supportHours(), s.acknowledgementTimeout(), s.autoResolveTimeout(),
                s.grouping(), s.createdAt(), s.updatedAt(), projects.getOrDefault(s.id(), List.of()))).toList();
    }

    List<String> namesUsingPolicy(long orgId, long policyId) {
        return db.sql("SELECT name FROM services WHERE org_id = ? AND escalation_policy_id = ? ORDER BY name LIMIT 20")
                .params(orgId, policyId).query(String.class).list();
    }

    List<Long> idsUsingPolicies(long orgId, Collection<Long> policyIds) {
        if (policyIds.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT id FROM services WHERE org_id = :org AND escalation_policy_id IN (:policies)")
                .param("org", orgId).param("policies", List.copyOf(policyIds)).query(Long.class).list();
    }

    boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM services WHERE org_id = ? AND id = ?").params(orgId, id).update() == 1;
    }

    long insertIntegration(long orgId, long serviceId, String type, String name, String keyHash, String keyHint, Instant now) {
        return db.sql("""
                INSERT INTO integrations (org_id, service_id, type, name, key_hash, key_hint, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(orgId, serviceId, type, name, keyHash, keyHint, now.toEpochMilli()).query(Long.class).single();
    }

    boolean rotateIntegration(long serviceId, long id, String keyHash, String keyHint) {
        return db.sql("UPDATE integrations SET key_hash = ?, key_hint = ? WHERE service_id = ? AND id = ?")
                .params(keyHash, keyHint, serviceId, id).update() == 1;
    }

    boolean deleteIntegration(long serviceId, long id) {
        return db.sql("DELETE FROM integrations WHERE service_id = ? AND id = ?").params(serviceId, id).update() == 1;
    }

    Optional<IntegrationInfo> integration(long serviceId, long id) {
        return db.sql("SELECT * FROM integrations WHERE service_id = ? AND id = ?").params(serviceId, id)
                .query(ServiceStore::mapIntegration).optional();
    }

    Optional<IntegrationInfo> integrationByHash(String keyHash) {
        return db.sql("SELECT * FROM integrations WHERE key_hash = ?").param(keyHash).query(ServiceStore::mapIntegration).optional();
    }

    List<IntegrationInfo> integrations(long serviceId) {
        return db.sql("SELECT * FROM integrations WHERE service_id = ? ORDER BY id").param(serviceId)
                .query(ServiceStore::mapIntegration).list();
    }

    private static String supportHours(Draft d) {
        Map<String, Object> json = ServiceRules.supportHoursJson(d.supportHours());
        return json == null ? null : JSON.writeValueAsString(json);
    }

    private static String fields(Draft d) {
        return d.grouping().fields().isEmpty() ? null : JSON.writeValueAsString(d.grouping().fields());
    }

    private static ServiceDefinition map(ResultSet rs, int row) throws SQLException {
        String hours = rs.getString("support_hours");
        String fields = rs.getString("grouping_fields");
        Grouping grouping = new Grouping(Grouping.Type.parse(rs.getString("grouping")).orElseThrow(),
                Rows.integer(rs, "grouping_window_minutes"), fields == null ? List.of() : JSON.readValue(fields, STRINGS));
        return new ServiceDefinition(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getString("description"),
                Rows.longValue(rs, "team_id"), Rows.longValue(rs, "escalation_policy_id"), rs.getString("runbook"),
                UrgencyRule.parse(rs.getString("urgency_rule")).orElseThrow(),
                hours == null ? null : ServiceRules.supportHoursOf(JSON.readValue(hours, OBJECT)), Rows.integer(rs, "ack_timeout_seconds"),
                Rows.integer(rs, "auto_resolve_seconds"), grouping, Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), List.of());
    }

    private static IntegrationInfo mapIntegration(ResultSet rs, int row) throws SQLException {
        return new IntegrationInfo(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("service_id"), rs.getString("type"),
                rs.getString("name"), rs.getString("key_hint"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
