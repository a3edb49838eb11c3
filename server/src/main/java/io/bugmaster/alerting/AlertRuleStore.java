package io.bugmaster.alerting;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Alert rules, when each last fired per issue, the tags each project shows in alert messages, and
 * how far the periodic frequency check got.
 */
@Repository
class AlertRuleStore {
    private static final String COLUMNS = "id, org_id, name, definition, enabled, created_by, created_at, updated_at, last_fired_at, disabled_reason";

    private final JdbcClient db;

    AlertRuleStore(JdbcClient db) {
        this.db = db;
    }

    long insert(long orgId, String name, AlertRuleDefinition definition, boolean enabled, Long createdBy, Instant now) {
        return db.sql("""
                INSERT INTO alert_rules (org_id, name, definition, enabled, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(orgId, name, AlertRuleJson.store(definition), enabled, createdBy, now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class).single();
    }

    void update(long id, String name, AlertRuleDefinition definition, boolean enabled, Instant now) {
        // a person saving the rule turned on has seen why it was off; saved off, the reason stays
        db.sql("""
                UPDATE alert_rules SET name = ?, definition = ?, enabled = ?, updated_at = ?,
                    disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END
                WHERE id = ?""")
                .params(name, AlertRuleJson.store(definition), enabled, now.toEpochMilli(), enabled, id).update();
    }

    /** Changes what a rule does without a person's edit; {@code disabledReason} non-null turns it off saying why. */
    void replaceActions(long id, AlertRuleDefinition definition, String disabledReason, Instant now) {
        if (disabledReason == null) {
            db.sql("UPDATE alert_rules SET definition = ?, updated_at = ? WHERE id = ?")
                    .params(AlertRuleJson.store(definition), now.toEpochMilli(), id).update();
        } else {
            db.sql("UPDATE alert_rules SET definition = ?, updated_at = ?, enabled = FALSE, disabled_reason = ? WHERE id = ?")
                    .params(AlertRuleJson.store(definition), now.toEpochMilli(), disabledReason, id).update();
        }
    }

    void delete(long id) {
        db.sql("DELETE FROM alert_rules WHERE id = ?").param(id).update();
    }

    Optional<AlertRule> find(long orgId, long id) {
        return db.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(AlertRuleStore::map).optional();
    }

    List<AlertRule> list(long orgId) {
        return db.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE org_id = ? ORDER BY id").param(orgId)
                .query(AlertRuleStore::map).list();
    }

    List<AlertRule> enabled(long orgId) {
        return db.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE org_id = ? AND enabled ORDER BY id").param(orgId)
                .query(AlertRuleStore::map).list();
    }

    List<AlertRule> allEnabled() {
        return db.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE enabled ORDER BY id").query(AlertRuleStore::map).list();
    }

    Optional<Instant> lastFired(long ruleId, long issueId) {
        return db.sql("SELECT last_fired_at FROM alert_rule_issues WHERE rule_id = ? AND issue_id = ?").params(ruleId, issueId)
                .query(Long.class).optional().map(Instant::ofEpochMilli);
    }

    void fired(long ruleId, long issueId, Instant now) {
        db.sql("""
                INSERT INTO alert_rule_issues (rule_id, issue_id, last_fired_at) VALUES (?, ?, ?)
                ON CONFLICT (rule_id, issue_id) DO UPDATE SET last_fired_at = excluded.last_fired_at""")
                .params(ruleId, issueId, now.toEpochMilli()).update();
        db.sql("UPDATE alert_rules SET last_fired_at = ? WHERE id = ?").params(now.toEpochMilli(), ruleId).update();
    }

    // --- the tags each project shows in alert messages ---

    /** A project's chosen tag keys (comma-separated), if it chose. */
    Optional<String> alertTags(long projectId) {
        return db.sql("SELECT tag_keys FROM alert_project_tags WHERE project_id = ?").param(projectId).query(String.class).optional();
    }

    /** Every chosen list of an organization's projects, by project id. */
    java.util.Map<Long, String> alertTagsOfOrg(java.util.Collection<Long> projectIds) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (long id : projectIds) {
            alertTags(id).ifPresent(t -> out.put(id, t));
        }
        return out;
    }

    void setAlertTags(long projectId, String keys, Instant now) {
        db.sql("""
                INSERT INTO alert_project_tags (project_id, tag_keys, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET tag_keys = excluded.tag_keys, updated_at = excluded.updated_at""")
                .params(projectId, keys, now.toEpochMilli()).update();
    }

    void resetAlertTags(long projectId) {
        db.sql("DELETE FROM alert_project_tags WHERE project_id = ?").param(projectId).update();
    }

    Optional<Long> checkedTo(String name) {
        return db.sql("SELECT checked_to FROM alert_checks WHERE name = ?").param(name).query(Long.class).optional();
    }

    void setCheckedTo(String name, long to) {
        db.sql("""
                INSERT INTO alert_checks (name, checked_to) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET checked_to = excluded.checked_to""").params(name, to).update();
    }

    private static AlertRule map(ResultSet rs, int row) throws SQLException {
        return new AlertRule(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"),
                AlertRuleJson.load(rs.getString("definition")), rs.getBoolean("enabled"), Rows.longValue(rs, "created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Rows.instant(rs, "last_fired_at"), rs.getString("disabled_reason"));
    }
}
