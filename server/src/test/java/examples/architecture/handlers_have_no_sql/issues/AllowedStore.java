package examples.architecture.handlers_have_no_sql.issues;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Allowed: SQL lives in stores. */
@Repository
public class AllowedStore {
    private final JdbcClient db;

    public AllowedStore(JdbcClient db) {
        this.db = db;
    }

    public long count() {
        return db.sql("SELECT COUNT(*) FROM issues").query(Long.class).single();
    }
}
