package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.MigrationDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V36_1 on rules written before services existed: "page a service" named by text becomes the id of
 * the organization's service with that name, made when there is none; other actions are untouched.
 */
class PageServiceIdsMigrationTest {

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        namesBecomeIds(MigrationDatabases.sqlite(dir), Dialect.SQLITE);
    }

    @Test
    void onPostgres() {
        namesBecomeIds(MigrationDatabases.postgres(), Dialect.POSTGRESQL);
    }

    void namesBecomeIds(DataSource ds, Dialect dialect) {
        MigrationDatabases.migrateTo(ds, dialect, "36");
        JdbcClient db = JdbcClient.create(ds);
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?), (2, 'other', 'Other', ?)")
                .params(now, now).update();
        db.sql("""
                INSERT INTO services (id, org_id, name, urgency_rule, ack_timeout_seconds, grouping, created_at, updated_at)
                VALUES (7, 1, 'checkout', 'high', 1800, 'none', ?, ?)""").params(now, now).update();
        rule(db, 1, 1, "checkout", now);
        rule(db, 2, 1, "billing", now);
        rule(db, 3, 2, "checkout", now);
        db.sql("""
                INSERT INTO alert_rules (id, org_id, name, definition, created_at, updated_at)
                VALUES (4, 1, 'chat only', '{"actions":[{"kind":"NOTIFY_CHANNEL","channelId":3,"emails":[]}]}', ?, ?)""")
                .params(now, now).update();

        MigrationDatabases.migrateToLatest(ds, dialect);

        assertThat(definition(db, 1)).contains("\"serviceId\":7").doesNotContain("\"service\"");
        long billing = db.sql("SELECT id FROM services WHERE org_id = 1 AND name = 'billing'").query(Long.class).single();
        assertThat(definition(db, 2)).contains("\"serviceId\":" + billing);
        long otherCheckout = db.sql("SELECT id FROM services WHERE org_id = 2 AND name = 'checkout'").query(Long.class).single();
        assertThat(otherCheckout).as("each organization gets its own service").isNotEqualTo(7);
        assertThat(definition(db, 3)).contains("\"serviceId\":" + otherCheckout);
        assertThat(db.sql("SELECT COUNT(*) FROM services WHERE id = ? AND escalation_policy_id IS NULL AND team_id IS NULL").param(billing)
                .query(Long.class).single()).as("made with no policy and no team").isEqualTo(1);
        assertThat(definition(db, 4)).isEqualTo("{\"actions\":[{\"kind\":\"NOTIFY_CHANNEL\",\"channelId\":3,\"emails\":[]}]}");
        assertThat(db.sql("SELECT COUNT(*) FROM services").query(Long.class).single()).isEqualTo(3);
        assertThat(definition(db, 1)).as("the other actions are kept").contains("NOTIFY_CHANNEL");
    }

    private static void rule(JdbcClient db, long id, long orgId, String service, long now) {
        db.sql("INSERT INTO alert_rules (id, org_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, orgId, "rule " + id, """
                        {"actions":[{"kind":"NOTIFY_CHANNEL","channelId":3,"emails":[]},{"kind":"PAGE_SERVICE","emails":[],"service":"%s"}]}"""
                        .formatted(service).strip(), now, now)
                .update();
    }

    private static String definition(JdbcClient db, long id) {
        return db.sql("SELECT definition FROM alert_rules WHERE id = ?").param(id).query(String.class).single();
    }
}
