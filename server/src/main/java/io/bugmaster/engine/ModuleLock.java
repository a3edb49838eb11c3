package io.bugmaster.engine;

import io.bugmaster.storage.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Makes sure one node at a time runs a module. On PostgreSQL: a session advisory lock per module,
 * tried without waiting (another node running it now is fine: this node skips). SQLite has a
 * single node, held by the data dir's instance lock, so no lock is needed.
 */
@Component
public class ModuleLock {
    private final DataSource dataSource;
    private final Dialect dialect;

    public ModuleLock(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Runs {@code work} if this node got the module's lock; returns false when another node holds it. */
    public boolean runExclusively(String moduleName, Runnable work) throws SQLException {
        if (!dialect.hasAdvisoryLocks()) {
            work.run();
            return true;
        }
        long key = lockKey(moduleName);
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT pg_try_advisory_lock(?)", key)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                call(connection, "SELECT pg_advisory_unlock(?)", key);
            }
        }
    }

    private static boolean call(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A stable 64-bit key per module name (FNV-1a), in a range of its own: the high bits spell "bm". */
    static long lockKey(String moduleName) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : moduleName.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        return (0x626dL << 48) | (hash & 0xffffffffffffL);
    }

}
