package io.bugmaster.monitors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.JdbcUrls;
import io.bugmaster.monitors.sources.SqlSourceProperties;
import io.bugmaster.monitors.sources.SqliteSourceFiles;
import io.bugmaster.notify.OutboundPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a data source may connect, decided before any connection: the outbound policy on the host
 * as written and on every address it resolves to; the driver is given the address that was checked.
 * Nothing here connects anywhere (the refused addresses are never dialled).
 */
class ReplicaConnectionsTest {
    final List<String> resolved = new ArrayList<>();

    ReplicaConnections connections(OutboundPolicy policy, String... answer) {
        return new ReplicaConnections(policy, new SqliteSourceFiles(new SqlSourceProperties(Duration.ofSeconds(30), null)), host -> {
            resolved.add(host);
            List<InetAddress> addresses = new ArrayList<>();
            for (String a : answer) {
                addresses.add(InetAddress.getByName(a));
            }
            return addresses;
        });
    }

    static DataSource source(DataSourceKind kind, String url) {
        Instant t = Instant.parse("2026-12-05T09:00:00Z");
        return new DataSource(1, 1, "replica", kind, url, "reader", true, null, null, t, t);
    }

    @Test
    void privateAddressesAreRefusedByDefaultWithHowToAllowThem() {
        ReplicaConnections c = connections(OutboundPolicy.denyPrivate());
        for (String url : List.of("jdbc:postgresql://10.0.0.5:5432/shop", "jdbc:postgresql://127.0.0.1/shop",
                "jdbc:postgresql://169.254.169.254/shop", "jdbc:postgresql://[::1]/shop", "jdbc:postgresql://[::ffff:10.0.0.5]/shop")) {
            assertThatThrownBy(() -> c.open(source(DataSourceKind.POSTGRESQL, url), "pw", Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .as(url).isInstanceOf(ReplicaConnections.CannotConnect.class)
                    .hasMessageStartingWith("could not connect to ").hasMessageContaining("BUGMASTER_OUTBOUND_ALLOW");
        }
        assertThat(resolved).isEmpty();
    }

    @Test
    void everyAddressANameResolvesToIsChecked() {
        ReplicaConnections c = connections(OutboundPolicy.denyPrivate(), "8.8.8.8", "192.168.1.20");
        assertThatThrownBy(() -> c.open(source(DataSourceKind.MYSQL, "jdbc:mysql://replica.example.com/shop"), "pw", Duration.ofSeconds(1),
                Duration.ofSeconds(1))).isInstanceOf(ReplicaConnections.CannotConnect.class)
                .hasMessageContaining("'replica.example.com' (192.168.1.20)").hasMessageContaining("private");
        assertThat(resolved).containsExactly("replica.example.com");
    }

    @Test
    void theDriverIsGivenTheCheckedAddressUnlessTlsChecksTheName() throws Exception {
        ReplicaConnections c = connections(OutboundPolicy.parse("10.0.0.0/8"), "10.0.0.7");
        assertThat(c.address(JdbcUrls.parse(DataSourceKind.POSTGRESQL, "jdbc:postgresql://replica.internal/shop"))).isEqualTo("10.0.0.7");
        assertThat(c.address(JdbcUrls.parse(DataSourceKind.POSTGRESQL, "jdbc:postgresql://replica.internal/shop?sslmode=verify-full")))
                .isEqualTo("replica.internal");
        ReplicaConnections v6 = connections(OutboundPolicy.parse("fd00::/8"), "fd00::7");
        assertThat(v6.address(JdbcUrls.parse(DataSourceKind.MYSQL, "jdbc:mysql://replica.internal/shop"))).isEqualTo("[fd00:0:0:0:0:0:0:7]");
    }

    @Test
    void oddlyWrittenHostsAreRefusedBeforeAnyLookup() {
        ReplicaConnections c = connections(OutboundPolicy.parse("*"), "203.0.113.9");
        assertThatThrownBy(() -> c.address(JdbcUrls.parse(DataSourceKind.POSTGRESQL, "jdbc:postgresql://0x7f.1/shop")))
                .isInstanceOf(ReplicaConnections.CannotConnect.class).hasMessageContaining("four decimal numbers");
        assertThat(resolved).isEmpty();
    }
}
