package io.bugmaster.issues;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of saved searches; always scoped to one organization, so another's ids are never found. */
@Repository
public class SavedSearchStore {
    private final JdbcClient db;

    public SavedSearchStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the search, or returns empty when its owner (or the organization, for a shared one) has one of that name. */
    public Optional<SavedSearch> insert(long orgId, Long ownerUserId, String name, String query, String sort, Instant now) {
        return db.sql("""
                INSERT INTO saved_searches (org_id, owner_user_id, name, query, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING RETURNING id""")
                .params(orgId, ownerUserId, name, query, sort, now.toEpochMilli()).query(Long.class).optional()
                .map(id -> new SavedSearch(id, orgId, ownerUserId, name, query, sort, Instant.ofEpochMilli(now.toEpochMilli())));
    }

    /** The organization's shared searches and the user's own, shared first, each by name. */
    public List<SavedSearch> visibleTo(long orgId, long userId) {
        return db.sql("""
                SELECT * FROM saved_searches WHERE org_id = ? AND (owner_user_id IS NULL OR owner_user_id = ?)
                ORDER BY CASE WHEN owner_user_id IS NULL THEN 0 ELSE 1 END, LOWER(name), id""")
                .params(orgId, userId).query(SavedSearchStore::map).list();
    }

    public Optional<SavedSearch> find(long orgId, long id) {
        return db.sql("SELECT * FROM saved_searches WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(SavedSearchStore::map).optional();
    }

    public boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM saved_searches WHERE org_id = ? AND id = ?").params(orgId, id).update() > 0;
    }

    private static SavedSearch map(ResultSet rs, int row) throws SQLException {
        return new SavedSearch(rs.getLong("id"), rs.getLong("org_id"), Rows.longValue(rs, "owner_user_id"), rs.getString("name"), rs.getString("query"),
                rs.getString("sort"), Rows.instant(rs, "created_at"));
    }
}
