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
public class MemberStore {
    private static final String SELECT = """
            SELECT m.id, m.org_id, m.user_id, u.email, u.name, m.role, u.password_hash IS NULL AS pending, m.created_at
            FROM org_members m JOIN users u ON u.id = m.user_id""";
    private final JdbcClient db;

    public MemberStore(JdbcClient db) {
        this.db = db;
    }

    /** Adds the membership, or returns empty when the user is already a member. */
    public Optional<Long> insert(long orgId, long userId, Role role, Instant now) {
        return db.sql("""
                INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (org_id, user_id) DO NOTHING RETURNING id""")
                .params(orgId, userId, role.id(), now.toEpochMilli()).query(Long.class).optional();
    }

    public Optional<Member> find(long orgId, long userId) {
        return db.sql(SELECT + " WHERE m.org_id = ? AND m.user_id = ?").params(orgId, userId)
                .query(MemberStore::map).optional();
    }

    public Optional<Member> findById(long orgId, long memberId) {
        return db.sql(SELECT + " WHERE m.org_id = ? AND m.id = ?").params(orgId, memberId)
                .query(MemberStore::map).optional();
    }

    public List<Member> list(long orgId, int offset, int limitPlusOne) {
        return db.sql(SELECT + " WHERE m.org_id = ? ORDER BY u.email LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(MemberStore::map).list();
    }

    public void updateRole(long memberId, Role role) {
        db.sql("UPDATE org_members SET role = ? WHERE id = ?").params(role.id(), memberId).update();
    }

    public void delete(long memberId) {
        db.sql("DELETE FROM org_members WHERE id = ?").param(memberId).update();
    }

    public long countOwners(long orgId) {
        return db.sql("SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'owner'").param(orgId)
                .query(Long.class).single();
    }

    static Member map(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("user_id"), rs.getString("email"),
                rs.getString("name"), Role.parse("role", rs.getString("role")), rs.getBoolean("pending"),
                Rows.instant(rs, "created_at"));
    }
}
