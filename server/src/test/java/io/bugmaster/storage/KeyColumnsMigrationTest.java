package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * V29 on SQLite: the two tables keyed by a BIGINT project_id keep their rows, still cascade with
 * their project, and now refuse a NULL key as PostgreSQL does.
 */
class KeyColumnsMigrationTest {

    @Test
    void keepsTheRowsAndRefusesANullKey(@TempDir Path dir) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve("bugmaster.db"));
        JdbcClient db = JdbcClient.create(ds);
        flyway(ds).target("24").load().migrate();
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?)").param(now).update();
        db.sql("INSERT INTO projects (id, org_id, slug, name, created_at) VALUES (1, 1, 'shop', 'Shop', ?), (2, 1, 'app', 'App', ?)")
                .params(now, now).update();
        db.sql("INSERT INTO project_counters (project_id, next_issue_number) VALUES (1, 7), (2, 3)").update();
        db.sql("INSERT INTO alert_project_tags (project_id, tag_keys, updated_at) VALUES (1, '[\"browser\"]', ?)").param(now).update();
        db.sql("INSERT INTO project_counters (project_id, next_issue_number) VALUES (NULL, 1)").update(); // accepted before V29

        flyway(ds).load().migrate();

        assertThat(db.sql("SELECT project_id || ':' || next_issue_number FROM project_counters ORDER BY project_id")
                .query(String.class).list()).containsExactly("1:7", "2:3");
        assertThat(db.sql("SELECT tag_keys FROM alert_project_tags WHERE project_id = 1").query(String.class).single())
                .isEqualTo("[\"browser\"]");
        assertThatThrownBy(() -> db.sql("INSERT INTO project_counters (project_id, next_issue_number) VALUES (NULL, 1)").update())
                .hasMessageContaining("NOT NULL constraint failed: project_counters.project_id");
        assertThatThrownBy(() -> db.sql("INSERT INTO alert_project_tags (project_id, tag_keys, updated_at) VALUES (NULL, '[]', 0)")
                .update()).hasMessageContaining("NOT NULL constraint failed: alert_project_tags.project_id");
        db.sql("DELETE FROM projects WHERE id = 1").update();
        assertThat(db.sql("SELECT COUNT(*) FROM project_counters").query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM alert_project_tags").query(Long.class).single()).isZero();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(SQLiteDataSource ds) {
        return Flyway.configure().dataSource(ds).locations(Dialect.SQLITE.migrationLocation());
    }
}
