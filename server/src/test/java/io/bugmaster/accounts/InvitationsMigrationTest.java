package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.storage.Dialect;
import io.bugmaster.testing.MigrationDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V19 on a database written by the versions before it: members whose user had no password (the
 * old invitations) become invitations that keep their link, team places and id; everyone else
 * keeps their membership; the password-less users and the old invitation links are gone.
 */
class InvitationsMigrationTest {
    private static final long DAY = 86_400_000L;

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        DataSource ds = MigrationDatabases.sqlite(dir);
        migratesOldInvitations(ds, Dialect.SQLITE);
        assertThatThrownBy(() -> JdbcClient.create(ds).sql("INSERT INTO team_members (team_id, member_id) VALUES (1, 99999)").update())
                .as("team_members still references org_members").hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void onPostgres() {
        DataSource ds = MigrationDatabases.postgres();
        migratesOldInvitations(ds, Dialect.POSTGRESQL);
    }

    void migratesOldInvitations(DataSource ds, Dialect dialect) {
        MigrationDatabases.migrateTo(ds, dialect, "17");
        JdbcClient db = JdbcClient.create(ds);
        long now = 1_800_000_000_000L;
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', ?)").param(now).update();
        db.sql("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'owner@example.com', 'Owner', '{noop}x', ?)")
                .param(now).update();
        db.sql("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (2, 'invited@example.com', 'invited', NULL, ?)")
                .param(now).update();
        db.sql("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (3, 'lapsed@example.com', 'lapsed', NULL, ?)")
                .param(now).update();
        String member = "INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (1, ?, ?, ?) RETURNING id";
        long owner = db.sql(member).params(1, "owner", now).query(Long.class).single();
        long invited = db.sql(member).params(2, "admin", now).query(Long.class).single();
        long lapsed = db.sql(member).params(3, "member", now).query(Long.class).single();
        db.sql("INSERT INTO teams (id, org_id, slug, name, created_at) VALUES (1, 1, 'acme', 'Acme', ?)").param(now).update();
        db.sql("INSERT INTO team_members (team_id, member_id) VALUES (1, ?), (1, ?)").params(owner, invited).update();
        db.sql("""
                INSERT INTO one_time_links (purpose, token_hash, org_id, user_id, email, role, state, created_at, expires_at)
                VALUES ('INVITE', 'used-hash', 1, 2, 'invited@example.com', 'admin', 'USED', ?, ?),
                       ('INVITE', 'live-hash', 1, 2, 'invited@example.com', 'admin', 'ACTIVE', ?, ?),
                       ('SETUP', 'setup-hash', NULL, NULL, NULL, NULL, 'USED', ?, ?)""")
                .params(now, now + DAY, now, now + 7 * DAY, now, now + DAY).update();

        MigrationDatabases.migrateToLatest(ds, dialect);

        List<Map<String, Object>> members = db.sql("""
                SELECT id, user_id, email, role, token_hash, expires_at FROM org_members ORDER BY id""").query().listOfRows();
        assertThat(members).extracting(row -> ((Number) row.get("id")).longValue()).containsExactly(owner, invited, lapsed);
        assertThat(members.get(0)).containsEntry("email", null).containsEntry("token_hash", null);
        assertThat(((Number) members.get(0).get("user_id")).longValue()).isEqualTo(1L);
        assertThat(members.get(1)).containsEntry("user_id", null).containsEntry("email", "invited@example.com")
                .containsEntry("role", "admin").containsEntry("token_hash", "live-hash");
        assertThat(((Number) members.get(1).get("expires_at")).longValue()).as("the link's own expiry").isEqualTo(now + 7 * DAY);
        assertThat(members.get(2)).containsEntry("user_id", null).containsEntry("email", "lapsed@example.com")
                .containsEntry("token_hash", null);
        assertThat(((Number) members.get(2).get("expires_at")).longValue()).as("no link: expired").isEqualTo(now);
        assertThat(db.sql("SELECT member_id FROM team_members ORDER BY member_id").query(Long.class).list())
                .containsExactly(owner, invited);
        assertThat(db.sql("SELECT email FROM users").query(String.class).list()).containsExactly("owner@example.com");
        assertThat(db.sql("SELECT purpose FROM one_time_links").query(String.class).list()).containsExactly("SETUP");

        long next = db.sql("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (1, 1, 'owner', ?) "
                + "ON CONFLICT DO NOTHING RETURNING id").param(now).query(Long.class).optional().orElse(-1L);
        assertThat(next).as("one membership per user and organization").isEqualTo(-1L);
        db.sql("INSERT INTO organizations (id, slug, name, created_at) VALUES (2, 'other', 'Other', ?)").param(now).update();
        long fresh = db.sql("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (2, 1, 'owner', ?) RETURNING id")
                .param(now).query(Long.class).single();
        assertThat(fresh).as("ids continue after the rebuilt table's").isGreaterThan(lapsed);
        assertThatThrownBy(() -> db.sql("INSERT INTO org_members (org_id, role, created_at) VALUES (1, 'member', ?)").param(now)
                .update()).as("a row is a membership or an invitation").isNotNull();
    }
}
