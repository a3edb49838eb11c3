package io.bugmaster.issues;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.MigrationDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V24 on a database written before it: what a removed member left behind on the organization's
 * issues (an assignment, subscriptions) is dropped; what members hold stays; every user starts at
 * session generation 0.
 */
class MembersWhoLeftMigrationTest {

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        DataSource ds = MigrationDatabases.sqlite(dir);
        dropsWhatFormerMembersHeld(ds, Dialect.SQLITE);
    }

    @Test
    void onPostgres() {
        DataSource ds = MigrationDatabases.postgres();
        dropsWhatFormerMembersHeld(ds, Dialect.POSTGRESQL);
    }

    void dropsWhatFormerMembersHeld(DataSource ds, Dialect dialect) {
        MigrationDatabases.migrateTo(ds, dialect, "19");
        JdbcClient db = JdbcClient.create(ds);
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?), (2, 'other', 'Other', ?)")
                .params(now, now).update();
        for (int user = 1; user <= 2; user++) {
            db.sql("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, '{noop}x', ?)")
                    .params(user, "u" + user + "@example.com", "U" + user, now).update();
        }
        // user 1 stays in Acme; user 2 was removed from Acme and is a member of Other only
        db.sql("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (1, 1, 'owner', ?), (2, 2, 'owner', ?)")
                .params(now, now).update();
        db.sql("INSERT INTO projects (id, org_id, slug, name, created_at) VALUES (1, 1, 'shop', 'Shop', ?), (2, 2, 'app', 'App', ?)")
                .params(now, now).update();
        String issue = """
                INSERT INTO issues (id, project_id, short_number, type, title, level, metadata, status, first_seen, last_seen,
                  times_seen, user_count, grouping_strategy, created_at, assignee_user_id)
                VALUES (?, ?, ?, 'error', 'Boom', 'error', '{}', 'unresolved', ?, ?, 1, 0, 'v1', ?, ?)""";
        db.sql(issue).params(1, 1, 1, now, now, now, 2).update();   // Acme's, assigned to the one who left
        db.sql(issue).params(2, 1, 2, now, now, now, 1).update();   // Acme's, assigned to a member
        db.sql(issue).params(3, 2, 1, now, now, now, 2).update();   // Other's, assigned to its member
        db.sql("""
                INSERT INTO issue_user_state (issue_id, user_id, bookmarked, subscribed)
                VALUES (1, 1, TRUE, TRUE), (1, 2, FALSE, TRUE), (2, 2, TRUE, NULL), (3, 2, FALSE, TRUE)""").update();

        MigrationDatabases.migrateToLatest(ds, dialect);

        assertThat(db.sql("SELECT id, assignee_user_id FROM issues ORDER BY id").query().listOfRows())
                .extracting(row -> row.get("assignee_user_id") == null ? null : ((Number) row.get("assignee_user_id")).longValue())
                .containsExactly(null, 1L, 2L);
        assertThat(db.sql("SELECT issue_id || ':' || user_id FROM issue_user_state ORDER BY issue_id, user_id")
                .query(String.class).list()).containsExactly("1:1", "3:2");
        assertThat(db.sql("SELECT session_generation FROM users ORDER BY id").query(Long.class).list()).containsExactly(0L, 0L);
    }
}
