package io.bugmaster.monitors.sources;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code data_sources}. The secret column holds SecretBox's encrypted text; only {@link DataSources} reads it. */
@Repository
class DataSourceStore {
    private final JdbcClient db;

    DataSourceStore(JdbcClient db) {
        this.db = db;
    }

    long insert(long orgId, String name, DataSourceKind kind, String url, String username, Long createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("""
                INSERT INTO data_sources (org_id, name, kind, url, username, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, name, kind.id(), url, username, createdBy, now.toEpochMilli(), now.toEpochMilli()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String name, String url, String username, Instant now) {
        db.sql("UPDATE data_sources SET name = ?, url = ?, username = ?, updated_at = ? WHERE id = ?")
                .params(name, url, username, now.toEpochMilli(), id).update();
    }

    void setSecret(long id, String encrypted) {
        db.sql("UPDATE data_sources SET secret = ? WHERE id = ?").params(encrypted, id).update();
    }

    Optional<String> secret(long id) {
        return db.sql("SELECT secret FROM data_sources WHERE id = ?").param(id).query((rs, n) -> rs.getString(1)).optional()
                .filter(s -> s != null);
    }

    void checked(long id, Instant at, String error) {
        db.sql("UPDATE data_sources SET checked_at = ?, check_error = ? WHERE id = ?").params(at.toEpochMilli(), error, id).update();
    }

    Optional<DataSource> find(long orgId, long id) {
        return db.sql("SELECT * FROM data_sources WHERE org_id = ? AND id = ?").params(orgId, id).query(DataSourceStore::map).optional();
    }

    Optional<DataSource> findByName(long orgId, String name) {
        return db.sql("SELECT * FROM data_sources WHERE org_id = ? AND name = ?").params(orgId, name).query(DataSourceStore::map).optional();
    }

    List<DataSource> list(long orgId) {
        return db.sql("SELECT * FROM data_sources WHERE org_id = ? ORDER BY name, id").param(orgId).query(DataSourceStore::map).list();
    }

    boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM data_sources WHERE org_id = ? AND id = ?").params(orgId, id).update() == 1;
    }

    private static DataSource map(ResultSet rs, int n) throws SQLException {
        return new DataSource(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"),
                DataSourceKind.parse(rs.getString("kind")).orElseThrow(), rs.getString("url"), rs.getString("username"),
                rs.getString("secret") != null, Rows.instant(rs, "checked_at"), rs.getString("check_error"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
