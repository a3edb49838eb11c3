package io.bugmaster.architecture;

import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.bugmaster.storage.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sqlite.SQLiteDataSource;

/**
 * Each table has one owning feature, and only that feature names it in SQL (DESIGN.md, "Layout"):
 * other features go through the owner's public service. Every string constant of the main code is
 * read (see {@link SqlTableReferences}), so SQL written anywhere, not only in a store, is checked.
 */
class TableOwnershipTest {

    /** Every table the migrations create, and the feature that owns it. */
    static final Map<String, String> OWNERS = new TreeMap<>(Map.ofEntries(
            // accounts: organizations, people, teams, projects and their keys and environments
            Map.entry("organizations", "accounts"),
            Map.entry("users", "accounts"),
            Map.entry("org_members", "accounts"),
            Map.entry("teams", "accounts"),
            Map.entry("team_members", "accounts"),
            Map.entry("projects", "accounts"),
            Map.entry("project_teams", "accounts"),
            Map.entry("project_keys", "accounts"),
            Map.entry("api_tokens", "accounts"),
            Map.entry("one_time_links", "accounts"),
            Map.entry("environments", "accounts"),
            // issues: the issues, what is kept per issue, the workflow's records, searches, ownership rules
            Map.entry("project_counters", "issues"),
            Map.entry("issues", "issues"),
            Map.entry("issue_hashes", "issues"),
            Map.entry("issue_users", "issues"),
            Map.entry("issue_tags", "issues"),
            Map.entry("issue_hourly", "issues"),
            Map.entry("issue_activity", "issues"),
            Map.entry("issue_user_state", "issues"),
            Map.entry("saved_searches", "issues"),
            Map.entry("project_ownership", "issues"),
            // events
            Map.entry("events", "events"),
            // releases: releases, their projects, commits and deploys
            Map.entry("releases", "releases"),
            Map.entry("release_projects", "releases"),
            Map.entry("repositories", "releases"),
            Map.entry("commits", "releases"),
            Map.entry("commit_files", "releases"),
            Map.entry("release_commits", "releases"),
            Map.entry("deploys", "releases"),
            // ingest: what arrives besides events
            Map.entry("attachments", "ingest"),
            Map.entry("attachment_usage", "ingest"),
            Map.entry("user_reports", "ingest"),
            Map.entry("session_counts", "ingest"),
            Map.entry("outcomes", "ingest"),
            Map.entry("check_ins", "monitors"),
            // notify: channels, the delivery queue, per-person settings
            Map.entry("notification_channels", "notify"),
            Map.entry("notification_deliveries", "notify"),
            Map.entry("notification_queue", "notify"),
            Map.entry("notification_storm_windows", "notify"),
            Map.entry("notification_open_alerts", "notify"),
            Map.entry("secret_keys", "notify"),
            Map.entry("user_notification_defaults", "notify"),
            Map.entry("user_project_notification_settings", "notify"),
            Map.entry("sms_providers", "notify"),
            // oncall: people (contact methods, notification rules) and their pages
            Map.entry("contact_methods", "oncall"),
            Map.entry("notification_rules", "oncall"),
            Map.entry("pages", "oncall"),
            Map.entry("page_steps", "oncall"),
            // alerting
            Map.entry("alert_rules", "alerting"),
            Map.entry("alert_rule_issues", "alerting"),
            Map.entry("alert_checks", "alerting"),
            Map.entry("alert_project_tags", "alerting"),
            Map.entry("weekly_reports_sent", "alerting"),
            Map.entry("action_link_uses", "alerting"),
            // oncall: escalation policies (schedules and people come with their own tables)
            Map.entry("escalation_policies", "oncall"),
            Map.entry("escalation_round_robin", "oncall"),
            // incidents: services, integrations, alerts, incidents and their log, change events
            Map.entry("services", "incidents"),
            Map.entry("integrations", "incidents"),
            Map.entry("alerts", "incidents"),
            Map.entry("incidents", "incidents"),
            Map.entry("incident_counters", "incidents"),
            Map.entry("incident_assignees", "incidents"),
            Map.entry("incident_log", "incidents"),
            Map.entry("incident_link_uses", "incidents"),
            Map.entry("change_events", "incidents"),
            // incidents: the human side (impacted services, linked issues, the organization's priorities)
            Map.entry("incident_services", "incidents"),
            Map.entry("incident_issues", "incidents"),
            Map.entry("incident_priorities", "incidents"),
            Map.entry("incident_stage_changes", "incidents"),
            // incidents/roles: role definitions, who holds them, who was asked to respond
            Map.entry("incident_roles", "incidents"),
            Map.entry("incident_role_assignments", "incidents"),
            Map.entry("incident_responders", "incidents"),
            // incidents: communication (settings, per-service channels, status updates, subscribers, update reminders)
            Map.entry("incident_settings", "incidents"),
            Map.entry("slack_installations", "slack"),
            Map.entry("slack_user_links", "slack"),
            Map.entry("slack_messages", "slack"),
            Map.entry("slack_calls", "slack"),
            Map.entry("slack_incident_channels", "slack"),
            Map.entry("slack_seen", "slack"),
            Map.entry("monitors", "monitors"),
            Map.entry("monitor_results", "monitors"),
            Map.entry("monitor_flips", "monitors"),
            Map.entry("monitor_ping_keys", "monitors"),
            Map.entry("data_sources", "monitors"),
            Map.entry("slack_timeline_messages", "slack"),
            Map.entry("incident_service_channels", "incidents"),
            Map.entry("incident_status_updates", "incidents"),
            Map.entry("incident_subscribers", "incidents"),
            Map.entry("incident_update_reminders", "incidents"),
            // incidents: the services' projects, the checklist answers and fixing decisions (V43)
            Map.entry("service_projects", "incidents"),
            Map.entry("incident_checklist_answers", "incidents"),
            Map.entry("incident_fix_decisions", "incidents"),
            // changes: changes to production posted by deploy scripts and people, with their services and projects
            Map.entry("changes", "changes"),
            Map.entry("change_services", "changes"),
            Map.entry("change_projects", "changes"),
            // incidents: the timeline's pinned entries (notes live in incident_log)
            Map.entry("incident_pins", "incidents"),
            // incidents: postmortems, their comments, and the incidents' action items
            Map.entry("postmortems", "incidents"),
            Map.entry("postmortem_comments", "incidents"),
            Map.entry("incident_action_items", "incidents"),
            // oncall: the bugmaster rotation of each team, and the handoff notices and gap warnings sent
            Map.entry("team_triage_rotations", "oncall"),
            Map.entry("oncall_handoff_notices", "oncall"),
            Map.entry("oncall_gap_warnings", "oncall"),
            // signals: the bus every change raises its signals on (V27 replaced the outbox)
            Map.entry("signals", "signals"),
            Map.entry("signal_cursors", "signals"),
            // oncall: schedules (layers, overrides, temporary schedules, recorded shifts) and their calendar feeds
            Map.entry("schedules", "oncall"),
            Map.entry("schedule_layers", "oncall"),
            Map.entry("schedule_layer_users", "oncall"),
            Map.entry("schedule_restrictions", "oncall"),
            Map.entry("schedule_overrides", "oncall"),
            Map.entry("schedule_temporary", "oncall"),
            Map.entry("schedule_temporary_shifts", "oncall"),
            Map.entry("schedule_shift_history", "oncall"),
            Map.entry("calendar_feeds", "oncall")));

    /**
     * The features whose tables a feature may name besides its own. The one stated exception
     * (DESIGN.md): the digest writes issues and events (and reads them to do so) in its one
     * transaction per batch.
     */
    static final Map<String, Set<String>> ALSO_OWNED_BY = Map.of("digest", Set.of("issues", "events"));

    @Test
    void everyTableTheMigrationsCreateHasOneOwner(@TempDir Path dir) {
        Set<String> migrated = migratedTables(dir);
        assertThat(OWNERS.keySet()).containsAll(migrated);
        Set<String> notCreated = new TreeSet<>(OWNERS.keySet());
        notCreated.removeAll(migrated);
        assertThat(notCreated).as("owned tables the migrations do not create").isEmpty();
    }

    @Test
    void noFeatureNamesAnotherFeaturesTableInSql() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bugmaster");
        assertThat(main.size()).as("main classes imported").isGreaterThan(100);
        assertThat(violations(main, "io.bugmaster")).isEmpty();
    }

    @Test
    void flagsAStoreThatNamesAnotherFeaturesTable() {
        String root = "examples.architecture.tables";
        JavaClasses examples = new ClassFileImporter().importPackages(root);
        assertThat(violations(examples, root)).containsExactlyInAnyOrder(
                "issues.ForeignTables names accounts' table projects",
                "issues.ForeignTables names accounts' table users",
                "issues.ForeignTables names accounts' table org_members",
                "issues.ForeignTables names releases' table releases",
                "issues.ForeignTables names releases' table release_projects",
                "issues.ForeignTables names events' table events",
                "issues.ForeignTables names accounts' table teams",
                "issues.ForeignTables names accounts' table team_members",
                "releases.ReadsIssuesOutsideAStore names issues' table issues");
    }

    @Test
    void findsTablesInEveryWayOfWritingSql() {
        assertThat(SqlTableReferences.tablesIn("SELECT * FROM issues i, projects AS p , organizations WHERE i.x IN "
                + "(SELECT y FROM events)")).containsExactlyInAnyOrder("issues", "projects", "organizations", "events");
        assertThat(SqlTableReferences.tablesIn("DELETE FROM issue_tags WHERE issue_id IN (SELECT id FROM issues)"))
                .containsExactlyInAnyOrder("issue_tags", "issues");
        assertThat(SqlTableReferences.tablesIn("INSERT INTO a (x) SELECT x FROM b b1 JOIN c ON c.id = b1.id; UPDATE d SET x = 1"))
                .containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(SqlTableReferences.tablesIn("the data came from events")).isEmpty();
    }

    /** "feature.Class names owner's table t" for each table a class names that its feature does not own. */
    static List<String> violations(JavaClasses classes, String root) {
        List<String> found = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (JavaClass javaClass : classes) {
            String feature = HouseRule.feature(root, javaClass.getPackageName());
            for (SqlTableReferences.Reference ref : SqlTableReferences.of(javaClass, OWNERS.keySet())) {
                String owner = OWNERS.get(ref.table());
                boolean allowed = owner.equals(feature)
                        || ALSO_OWNED_BY.getOrDefault(feature, Set.of()).contains(owner);
                String top = javaClass.getName().substring(root.length() + 1).replaceAll("\\$.*", "");
                String message = top + " names " + owner + "' table " + ref.table();
                if (!allowed && seen.add(message)) {
                    found.add(message);
                }
            }
        }
        return found;
    }

    static Set<String> migratedTables(Path dir) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("tables.db"));
        Flyway.configure().dataSource(ds).locations(Dialect.SQLITE.migrationLocation()).load().migrate();
        return JdbcClient.create(ds).sql("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name <> 'flyway_schema_history'""").query(String.class).list().stream().collect(toCollection(TreeSet::new));
    }
}
