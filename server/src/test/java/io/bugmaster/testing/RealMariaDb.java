package io.bugmaster.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Debian's MariaDB server, unmodified, as a team's replica in tests: its own instance in a temporary
 * directory, listening on loopback only, with an admin user made at start-up ({@code --init-file});
 * the tests connect over TCP as real users with passwords. Needs the mariadb-server package
 * (CI installs it). Stop it with {@link #close()}, or {@link #stop()} to see the data source go away.
 */
public final class RealMariaDb implements AutoCloseable {
    public static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    public static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
    private static final String ADMIN_PASSWORD = "admin-password";

    private final Path dir;
    private final Process process;
    private final int port;

    private RealMariaDb(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    public static RealMariaDb start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bugmaster-mariadb-");
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=socket", "--skip-test-db", "--user=root")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        Files.writeString(dir.resolve("init.sql"), "CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY '" + ADMIN_PASSWORD + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'127.0.0.1' WITH GRANT OPTION;\n");
        int port = freePort();
        Process server = new ProcessBuilder(SERVER.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--socket=" + dir.resolve("sock"), "--port=" + port, "--bind-address=127.0.0.1", "--user=root", "--skip-name-resolve",
                "--pid-file=" + dir.resolve("pid"), "--init-file=" + dir.resolve("init.sql"), "--innodb-buffer-pool-size=16M", "--performance-schema=OFF")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        RealMariaDb db = new RealMariaDb(dir, server, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly)); // never left running after the tests
        try {
            db.awaitReady();
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
        return db;
    }

    private void awaitReady() {
        RealMariaDb db = this;
        Process server = process;
        Poll.until(Duration.ofSeconds(60), "MariaDB ready", () -> {
            if (!server.isAlive()) {
                throw new AssertionError("MariaDB stopped: " + db.log());
            }
            try (Connection c = db.admin()) {
                return true;
            } catch (SQLException notYet) {
                return false;
            }
        }, ready -> ready);
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>/<database>}, as a person would type it. */
    public String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    /** The admin over TCP, for setting up databases, users and rows. */
    public Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", ADMIN_PASSWORD);
        return new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://127.0.0.1:" + port + "/", p);
    }

    /** Runs statements as the admin. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Stops the server (the data source goes away); {@link #close()} still cleans up. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A user with a password who may read and write one database (a read-only check must still write nothing). */
    public static List<String> grantsForReader(String database, String user, String password) {
        return List.of("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + database + ".* TO '" + user + "'@'127.0.0.1'");
    }
}
