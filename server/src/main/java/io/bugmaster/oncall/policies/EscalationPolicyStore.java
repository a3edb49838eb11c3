package io.bugmaster.oncall.policies;

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

/** Rows of escalation_policies and escalation_round_robin. */
@Repository
class EscalationPolicyStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, Object>>> RULES = new TypeReference<>() {};

    private final JdbcClient db;

    EscalationPolicyStore(JdbcClient db) {
        this.db = db;
    }

    Optional<Long> insert(long orgId, String name, String description, int numLoops, List<EscalationPolicy.Rule> rules, Instant now) {
        return db.sql("""
                INSERT INTO escalation_policies (org_id, name, description, num_loops, rules, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, name) DO NOTHING RETURNING id""")
                .params(orgId, name, description, numLoops, JSON.writeValueAsString(PolicyRules.toJson(rules)), now.toEpochMilli(),
                        now.toEpochMilli())
                .query(Long.class).optional();
    }

    boolean update(long orgId, long id, String name, String description, int numLoops, List<EscalationPolicy.Rule> rules, Instant now) {
        return db.sql("""
                UPDATE escalation_policies SET name = ?, description = ?, num_loops = ?, rules = ?, updated_at = ?
                WHERE org_id = ? AND id = ?""")
                .params(name, description, numLoops, JSON.writeValueAsString(PolicyRules.toJson(rules)), now.toEpochMilli(), orgId, id)
                .update() == 1;
    }

    boolean nameTaken(long orgId, String name, long exceptId) {
        return db.sql("SELECT COUNT(*) FROM escalation_policies WHERE org_id = ? AND name = ? AND id <> ?")
                .params(orgId, name, exceptId).query(Long.class).single() > 0;
    }

    Optional<EscalationPolicy> find(long orgId, long id) {
        return db.sql("SELECT * FROM escalation_policies WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(EscalationPolicyStore::map).optional();
    }

    List<EscalationPolicy> list(long orgId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM escalation_policies WHERE org_id = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(EscalationPolicyStore::map).list();
    }

    /** Deletes the policy; the database refuses while a service uses it (the caller checks first, to say which). */
    boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM escalation_policies WHERE org_id = ? AND id = ?").params(orgId, id).update() == 1;
    }

    /** Counts one more turn on a round-robin level and answers the turns before it (0 for the first incident). */
    long nextTurn(long policyId, int level) {
        return db.sql("""
                INSERT INTO escalation_round_robin (policy_id, level, turns) VALUES (?, ?, 1)
                ON CONFLICT (policy_id, level) DO UPDATE SET turns = escalation_round_robin.turns + 1 RETURNING turns""")
                .params(policyId, level).query(Long.class).single() - 1;
    }

    private static EscalationPolicy map(ResultSet rs, int row) throws SQLException {
        return new EscalationPolicy(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getString("description"),
                rs.getInt("num_loops"), PolicyRules.fromJson(JSON.readValue(rs.getString("rules"), RULES)),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
