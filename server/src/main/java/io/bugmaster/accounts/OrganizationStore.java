package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganizationStore {
    private final JdbcClient db;

    public OrganizationStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the organization, or returns empty when the slug is taken. */
    public Optional<Organization> insert(String slug, String name, Instant now) {
        return db.sql("""
                INSERT INTO organizations (slug, name, created_at) VALUES (?, ?, ?)
                ON CONFLICT (slug) DO NOTHING RETURNING id""")
                .params(slug, name, now.toEpochMilli())
                .query(Long.class).optional()
                .map(id -> new Organization(id, slug, name, Instant.ofEpochMilli(now.toEpochMilli())));
    }

    public Optional<Organization> findBySlug(String slug) {
        return db.sql("SELECT * FROM organizations WHERE slug = ?").param(slug).query(OrganizationStore::map).optional();
    }

    public Optional<Organization> findById(long id) {
        return db.sql("SELECT * FROM organizations WHERE id = ?").param(id).query(OrganizationStore::map).optional();
    }

    /** The organizations a user belongs to, by slug; fetches one row more than the page to tell if more follow. */
    public List<Organization> listForUser(long userId, int offset, int limitPlusOne) {
        return db.sql("""
                SELECT o.* FROM organizations o JOIN org_members m ON m.org_id = o.id
                WHERE m.user_id = ? ORDER BY o.slug LIMIT ? OFFSET ?""")
                .params(userId, limitPlusOne, offset).query(OrganizationStore::map).list();
    }

    /** Renames; returns false when the new slug is taken by another organization. */
    public boolean update(long id, String slug, String name) {
        if (db.sql("SELECT COUNT(*) FROM organizations WHERE slug = ? AND id <> ?").params(slug, id)
                .query(Long.class).single() > 0) {
            return false;
        }
        db.sql("UPDATE organizations SET slug = ?, name = ? WHERE id = ?").params(slug, name, id).update();
        return true;
    }

    public long count() {
        return db.sql("SELECT COUNT(*) FROM organizations").query(Long.class).single();
    }

    static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), Rows.instant(rs, "created_at"));
    }
}
