package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void takesAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/bugmaster?user=bm&password=secret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/bugmaster?user=bm&password=secret");
        assertThat(url.username()).isNull();
    }

    @Test
    void turnsThePostgresUrlOfHostingProvidersIntoJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://bm:p%40ss%3Aword@db.internal:6543/bugmaster?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/bugmaster?sslmode=require");
        assertThat(url.username()).isEqualTo("bm");
        assertThat(url.password()).isEqualTo("p@ss:word");
    }

    @Test
    void defaultsThePortAndTheDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://bm@localhost");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/postgres");
        assertThat(url.password()).isNull();
    }

    @Test
    void refusesOtherSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:, postgres:// or postgresql://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void redactsPasswordsForLogs() {
        assertThat(DatabaseUrl.redact("postgres://bm:hunter2@db/x")).isEqualTo("postgres://bm:***@db/x");
        assertThat(DatabaseUrl.redact("jdbc:postgresql://db/x?user=bm&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=bm&password=***&ssl=true");
        assertThat(DatabaseUrl.parse("postgres://bm:hunter2@db/x").toString()).doesNotContain("hunter2");
    }

    @Test
    void knowsTheDialectOfAUrl() {
        assertThat(Dialect.ofJdbcUrl("jdbc:sqlite:/data/bugmaster.db")).isEqualTo(Dialect.SQLITE);
        assertThat(Dialect.ofJdbcUrl("jdbc:postgresql://db/x")).isEqualTo(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> Dialect.ofJdbcUrl("jdbc:mysql://db/x")).hasMessageContaining("SQLite or PostgreSQL");
    }
}
