package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.JdbcUrls;
import io.bugmaster.monitors.sources.SqliteSourceFiles;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.OutboundPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Opens one read-only connection to a data source's database, for one check or one connection test,
 * and nothing else: a fresh connection per run rather than a pool, because a monitor runs at most
 * every minute or so and a pool would keep idle connections open on every team's replica (and keep
 * a changed password or a revoked grant working until they were recycled).
 *
 * <p>Before connecting, the host is resolved once and every address checked against the outbound
 * policy; the driver is then given the checked address (so a DNS answer that changes cannot steer it
 * elsewhere), except with {@code verify-full} TLS, where the driver checks the certificate against
 * the name. Drivers are called directly (not through DriverManager) with only the properties set
 * here and the URL parameters {@link JdbcUrls} allows; the ones that could make this server read
 * local files or run local commands are set off explicitly.
 */
@Component
public class ReplicaConnections {
    /** Connecting (TCP, TLS, login) never takes longer than this, whatever the statement timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Looks up a host name's addresses; tests pass their own. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Could not connect: the message says why, for the monitor's result and the settings page. */
    public static final class CannotConnect extends Exception {
        public CannotConnect(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final OutboundPolicy policy;
    private final SqliteSourceFiles sqliteFiles;
    private final Resolver resolver;

    @Autowired
    public ReplicaConnections(OutboundHttp outbound, SqliteSourceFiles sqliteFiles) {
        this(outbound.policy(), sqliteFiles, host -> List.of(InetAddress.getAllByName(host)));
    }

    public ReplicaConnections(OutboundPolicy policy, SqliteSourceFiles sqliteFiles, Resolver resolver) {
        this.policy = policy;
        this.sqliteFiles = sqliteFiles;
        this.resolver = resolver;
    }

    /**
     * A connection with auto-commit off and read-only set; the caller starts its read-only
     * transaction ({@link ReadOnlyQuery}) and closes it.
     *
     * @param connectTimeout how long connecting and logging in may take
     * @param socketTimeout how long one read from the server may wait (longer than the statement timeout)
     */
    public Connection open(DataSource ds, String secret, Duration connectTimeout, Duration socketTimeout) throws CannotConnect {
        JdbcUrls.Target target;
        try {
            target = JdbcUrls.parse(ds.kind(), ds.url());
        } catch (IllegalArgumentException e) {
            throw new CannotConnect("the data source's URL is not usable: " + e.getMessage(), e);
        }
        try {
            return switch (ds.kind()) {
                case POSTGRESQL -> postgres(target, ds.username(), secret, connectTimeout, socketTimeout);
                case MYSQL -> mariadb(target, ds.username(), secret, connectTimeout, socketTimeout);
                case SQLITE -> sqlite(target);
                case PROMETHEUS -> throw new CannotConnect("a Prometheus data source is not a database", null);
            };
        } catch (SQLException e) {
            throw new CannotConnect("could not connect to " + target.where() + ": " + SqlMessages.of(e), e);
        }
    }

    /** The address to give the driver: the checked one, or the name when TLS verifies it. */
    String address(JdbcUrls.Target target) throws CannotConnect {
        String bracketed = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        URI asUrl = URI.create("http://" + bracketed + ":" + target.port() + "/");
        Optional<String> refused = policy.refuseUrl(asUrl);
        if (refused.isPresent()) {
            throw new CannotConnect("could not connect to " + target.where() + ": " + refused.get(), null);
        }
        List<InetAddress> addresses;
        try {
            Optional<InetAddress> literal = OutboundPolicy.literal(bracketed);
            addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            throw new CannotConnect("could not connect to " + target.where() + ": the host name does not resolve (DNS)", e);
        }
        refused = policy.refuseAddresses(target.host(), addresses);
        if (refused.isPresent()) {
            throw new CannotConnect("could not connect to " + target.where() + ": " + refused.get(), null);
        }
        if (target.verifiesHostName()) {
            return bracketed;
        }
        String ip = addresses.get(0).getHostAddress();
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }

    private Connection postgres(JdbcUrls.Target target, String user, String secret, Duration connectTimeout, Duration socketTimeout)
            throws CannotConnect, SQLException {
        Properties p = new Properties();
        p.setProperty("user", user == null ? "" : user);
        // always set: without a password the driver would look in this server's ~/.pgpass
        p.setProperty("password", secret == null ? "" : secret);
        p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        p.setProperty("ApplicationName", "bugmaster-monitor");
        p.setProperty("preferQueryMode", "extended");
        return configured(new org.postgresql.Driver(), target.connectUrl(address(target)), p);
    }

    private Connection mariadb(JdbcUrls.Target target, String user, String secret, Duration connectTimeout, Duration socketTimeout)
            throws CannotConnect, SQLException {
        Properties p = new Properties();
        p.setProperty("user", user == null ? "" : user);
        p.setProperty("password", secret == null ? "" : secret);
        p.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        // the server must never make this driver send a local file, nor run several statements in one query
        p.setProperty("allowLocalInfile", "false");
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("permitRedirect", "false");
        return configured(new org.mariadb.jdbc.Driver(), target.connectUrl(address(target)), p);
    }

    private Connection sqlite(JdbcUrls.Target target) throws CannotConnect, SQLException {
        Optional<String> refused = sqliteFiles.refuse(target.file());
        if (refused.isPresent()) {
            throw new CannotConnect(refused.get(), null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // opened with SQLITE_OPEN_READONLY: the file cannot be written through it
        config.setBusyTimeout((int) CONNECT_TIMEOUT.toMillis());
        Connection c = configured(new org.sqlite.JDBC(), target.connectUrl(null), config.toProperties());
        try {
            // a query cannot reach other files through ATTACH
            c.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static Connection configured(Driver driver, String url, Properties p) throws SQLException {
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the driver did not accept the URL");
        }
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
