package io.bugmaster.monitors.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlsTest {

    @Test
    void aPostgresUrlKeepsItsHostPortDatabaseAndAllowedParameters() {
        JdbcUrls.Target t = JdbcUrls.parse(DataSourceKind.POSTGRESQL, " jdbc:postgresql://Replica.Example.com:6432/shop?sslmode=verify-full&ApplicationName=bm ");
        assertThat(t.host()).isEqualTo("replica.example.com");
        assertThat(t.port()).isEqualTo(6432);
        assertThat(t.database()).isEqualTo("shop");
        assertThat(t.params()).isEqualTo(Map.of("sslmode", "verify-full", "ApplicationName", "bm"));
        assertThat(t.verifiesHostName()).isTrue();
        assertThat(t.connectUrl("203.0.113.7")).isEqualTo("jdbc:postgresql://203.0.113.7:6432/shop?sslmode=verify-full&ApplicationName=bm");
        assertThat(JdbcUrls.parse(DataSourceKind.POSTGRESQL, "jdbc:postgresql://db/shop").port()).isEqualTo(5432);
        assertThat(JdbcUrls.parse(DataSourceKind.POSTGRESQL, "jdbc:postgresql://[::1]:5433/shop").where()).isEqualTo("[::1]:5433");
    }

    @Test
    void mysqlAndMariadbUrlsConnectThroughTheMariadbDriver() {
        JdbcUrls.Target mysql = JdbcUrls.parse(DataSourceKind.MYSQL, "jdbc:mysql://10.1.2.3/shop?sslMode=verify-ca");
        assertThat(mysql.port()).isEqualTo(3306);
        assertThat(mysql.connectUrl("10.1.2.3")).isEqualTo("jdbc:mariadb://10.1.2.3:3306/shop?sslMode=verify-ca");
        assertThat(JdbcUrls.parse(DataSourceKind.MYSQL, "jdbc:mariadb://db:3307/shop").port()).isEqualTo(3307);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db/shop?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext|socketFactory",
            "jdbc:postgresql://db/shop?sslfactory=x.Y|sslfactory",
            "jdbc:postgresql://db/shop?loggerFile=/tmp/x.log|loggerFile",
            "jdbc:postgresql://db/shop?sslrootcert=/etc/passwd|sslrootcert",
            "jdbc:postgresql://db/shop?SOCKETFACTORY=x|SOCKETFACTORY",
            "jdbc:postgresql://db/shop?options=-c%20default_transaction_read_only%3Doff|options",
            "jdbc:postgresql://db/shop?sslmode=require&sslmode=disable|twice",
            "jdbc:postgresql://db/shop?sslmode=yes|cannot be"})
    void dangerousOrUnknownPostgresParametersAreRefusedByName(String url, String named) {
        assertThatThrownBy(() -> JdbcUrls.parse(DataSourceKind.POSTGRESQL, url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://db/shop?allowLoadLocalInfile=true", "jdbc:mysql://db/shop?autoDeserialize=true",
            "jdbc:mysql://db/shop?allowUrlInLocalInfile=true", "jdbc:mariadb://db/shop?allowLocalInfile=true",
            "jdbc:mysql://db/shop?allowMultiQueries=true", "jdbc:mysql://db/shop?queryInterceptors=x.Y",
            "jdbc:mariadb://db/shop?localSocket=/var/run/mysqld/mysqld.sock", "jdbc:mysql://db/shop?permitMysqlScheme"})
    void dangerousOrUnknownMysqlParametersAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrls.parse(DataSourceKind.MYSQL, url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed (allowed: sslMode)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://a:5432,b:5432/shop", "jdbc:postgresql:shop", "jdbc:postgresql:///shop", "jdbc:postgresql://db/",
            "jdbc:postgresql://user:pw@db/shop", "jdbc:postgresql://db:99999/shop", "jdbc:postgresql://db:0/shop",
            "jdbc:postgresql://db/shop db", "jdbc:postgresql://db/sh%2Fop", "jdbc:mysql://db/shop", "postgresql://db/shop",
            "jdbc:postgresql://d\u00e9/shop", "jdbc:postgresql://db/shop\nx"})
    void postgresUrlsOtherThanOneHostAndADatabaseAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrls.parse(DataSourceKind.POSTGRESQL, url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mariadb:replication://a,b/shop", "jdbc:mysql:loadbalance://a,b/shop", "jdbc:mysql://address=(host=a)(port=3306)/shop",
            "jdbc:postgresql://db/shop", "jdbc:mysql://a,b/shop"})
    void mysqlFailoverAndOtherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> JdbcUrls.parse(DataSourceKind.MYSQL, url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sqliteUrlsAreAnAbsolutePathWithoutParameters() {
        assertThat(JdbcUrls.parse(DataSourceKind.SQLITE, "jdbc:sqlite:/srv/shop/shop.db").file()).isEqualTo(Path.of("/srv/shop/shop.db"));
        for (String url : new String[] {"jdbc:sqlite:shop.db", "jdbc:sqlite::memory:", "jdbc:sqlite:file:/srv/shop.db?mode=rw",
                "jdbc:sqlite:/srv/shop.db?open_mode=2", "jdbc:sqlite:/srv/../etc/passwd", "jdbc:sqlite:/srv/./shop.db",
                "jdbc:sqlite://host/shop.db", "jdbc:sqlite:/srv/%2e%2e/x.db", "jdbc:sqlite::resource:x.db"}) {
            assertThatThrownBy(() -> JdbcUrls.parse(DataSourceKind.SQLITE, url)).as(url).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sqliteFilesAreOnlyTakenFromTheDirectorySetAsideForThem() {
        assertThat(JdbcUrls.refuseSqliteFile(Path.of("/srv/shop.db"), null)).hasValueSatisfying(m -> assertThat(m)
                .contains("off on this server").contains("BUGMASTER_SQLITE_SOURCES_DIR"));
        assertThat(JdbcUrls.refuseSqliteFile(Path.of("/srv/replicas/shop.db"), Path.of("/srv/replicas"))).isEmpty();
        assertThat(JdbcUrls.refuseSqliteFile(Path.of("/srv/replicas-other/shop.db"), Path.of("/srv/replicas"))).isPresent();
        assertThat(JdbcUrls.refuseSqliteFile(Path.of("/var/lib/bugmaster/bugmaster.db"), Path.of("/srv/replicas"))).isPresent();
        assertThat(JdbcUrls.refuseSqliteFile(Path.of("/srv/replicas"), Path.of("/srv/replicas"))).isPresent();
    }
}
