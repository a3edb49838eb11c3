package io.bugmaster.notify.settings;

import static io.bugmaster.storage.InLists.marks;

import io.bugmaster.notify.settings.NotificationSettings.Defaults;
import io.bugmaster.notify.settings.NotificationSettings.IssueAlerts;
import io.bugmaster.notify.settings.NotificationSettings.Override;
import io.bugmaster.notify.settings.NotificationSettings.Workflow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** user_notification_defaults and user_project_notification_settings. */
@Repository
class NotificationSettingsStore {
    private final JdbcClient db;

    NotificationSettingsStore(JdbcClient db) {
        this.db = db;
    }

    Optional<Defaults> defaults(long userId) {
        return db.sql("SELECT issue_alerts, workflow, weekly_report FROM user_notification_defaults WHERE user_id = ?").param(userId)
                .query((rs, n) -> defaults(rs)).optional();
    }

    Map<Long, Defaults> defaults(Collection<Long> userIds) {
        Map<Long, Defaults> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        db.sql("SELECT user_id, issue_alerts, workflow, weekly_report FROM user_notification_defaults WHERE user_id IN ("
                + marks(userIds.size()) + ")").params(List.copyOf(userIds))
                .query((rs, n) -> out.put(rs.getLong("user_id"), defaults(rs))).list();
        return out;
    }

    List<Override> overrides(long userId) {
        return db.sql("SELECT project_id, issue_alerts, workflow FROM user_project_notification_settings WHERE user_id = ? ORDER BY project_id")
                .param(userId).query((rs, n) -> override(rs)).list();
    }

    /** The overrides of these users for one project, by user. */
    Map<Long, Override> overrides(Collection<Long> userIds, long projectId) {
        Map<Long, Override> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        List<Object> params = new java.util.ArrayList<>(userIds);
        params.add(projectId);
        db.sql("SELECT user_id, project_id, issue_alerts, workflow FROM user_project_notification_settings WHERE user_id IN ("
                + marks(userIds.size()) + ") AND project_id = ?").params(params)
                .query((rs, n) -> out.put(rs.getLong("user_id"), override(rs))).list();
        return out;
    }

    void saveDefaults(long userId, Defaults d, long now) {
        db.sql("""
                INSERT INTO user_notification_defaults (user_id, issue_alerts, workflow, weekly_report, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET issue_alerts = excluded.issue_alerts, workflow = excluded.workflow,
                    weekly_report = excluded.weekly_report, updated_at = excluded.updated_at""")
                .params(userId, d.issueAlerts().id(), d.workflow().id(), d.weeklyReport(), now).update();
    }

    void saveOverride(long userId, Override o, long now) {
        if (o.isEmpty()) {
            db.sql("DELETE FROM user_project_notification_settings WHERE user_id = ? AND project_id = ?").params(userId, o.projectId())
                    .update();
            return;
        }
        db.sql("""
                INSERT INTO user_project_notification_settings (user_id, project_id, issue_alerts, workflow, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, project_id) DO UPDATE SET issue_alerts = excluded.issue_alerts, workflow = excluded.workflow,
                    updated_at = excluded.updated_at""")
                .params(userId, o.projectId(), o.issueAlerts() == null ? null : o.issueAlerts().id(),
                        o.workflow() == null ? null : o.workflow().id(), now).update();
    }

    private static Defaults defaults(ResultSet rs) throws SQLException {
        return new Defaults(IssueAlerts.parse("issueAlerts", rs.getString("issue_alerts")),
                Workflow.parse("workflow", rs.getString("workflow")), rs.getBoolean("weekly_report"));
    }

    private static Override override(ResultSet rs) throws SQLException {
        String alerts = rs.getString("issue_alerts");
        String workflow = rs.getString("workflow");
        return new Override(rs.getLong("project_id"), alerts == null ? null : IssueAlerts.parse("issueAlerts", alerts),
                workflow == null ? null : Workflow.parse("workflow", workflow));
    }
}
