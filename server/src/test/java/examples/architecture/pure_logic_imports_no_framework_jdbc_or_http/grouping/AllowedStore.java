package examples.architecture.pure_logic_imports_no_framework_jdbc_or_http.grouping;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Allowed: not pure logic, so it may use JDBC. */
public class AllowedStore {
    private final JdbcClient db;

    public AllowedStore(JdbcClient db) {
        this.db = db;
    }

    public long count() {
        return db.sql("SELECT 1").query(Long.class).single();
    }
}
