package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships and invitations (a row without a user is an invitation: see V19). */
@Repository
public class MemberStore {
    private static final String SELECT = """
            SELECT m.id, m.org_id, m.user_id, m.user_id IS NULL AS pending, COALESCE(u.email, m.email) AS email,
                   COALESCE(u.name, m.email) AS name, m.role, m.created_at, m.expires_at
            FROM org_members m LEFT JOIN users u ON u.id = m.user_id""";
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

    /** Adds an invitation, or returns empty when the address is already invited to the organization. */
    public Optional<Long> insertInvitation(long orgId, String email, Role role, String tokenHash, long invitedBy,
            Instant now, Instant expiresAt) {
        return db.sql("""
                INSERT INTO org_members (org_id, email, role, token_hash, expires_at, invited_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, email) DO NOTHING RETURNING id""")
                .params(orgId, email, role.id(), tokenHash, expiresAt.toEpochMilli(), invitedBy, now.toEpochMilli())
                .query(Long.class).optional();
    }

    /** Gives a pending invitation a new link (the old one stops working), role and sender. */
    public void renewInvitation(long memberId, Role role, String tokenHash, long invitedBy, Instant expiresAt) {
        db.sql("""
                UPDATE org_members SET role = ?, token_hash = ?, invited_by = ?, expires_at = ?
                WHERE id = ? AND user_id IS NULL""")
                .params(role.id(), tokenHash, invitedBy, expiresAt.toEpochMilli(), memberId).update();
    }

    /** The invitation behind a link's token hash, whether or not it has expired. */
    public Optional<Member> findInvitation(String tokenHash) {
        return db.sql(SELECT + " WHERE m.token_hash = ? AND m.user_id IS NULL").param(tokenHash)
                .query(MemberStore::map).optional();
    }

    /**
     * Turns an invitation into the membership of a user, if its link still works: the one atomic
     * step of accepting, so a link is used once even when two requests race.
     */
    public boolean accept(long memberId, String tokenHash, long userId, Instant now) {
        return db.sql("""
                UPDATE org_members SET user_id = ?, email = NULL, token_hash = NULL, expires_at = NULL, invited_by = NULL
                WHERE id = ? AND user_id IS NULL AND token_hash = ? AND expires_at > ?""")
                .params(userId, memberId, tokenHash, now.toEpochMilli()).update() == 1;
    }

    /** The membership of a user (invitations never match). */
    public Optional<Member> find(long orgId, long userId) {
        return db.sql(SELECT + " WHERE m.org_id = ? AND m.user_id = ?").params(orgId, userId)
                .query(MemberStore::map).optional();
    }

    /** The membership or invitation of an address in an organization. */
    public Optional<Member> findByEmail(long orgId, String email) {
        return db.sql(SELECT + " WHERE m.org_id = ? AND (u.email = ? OR m.email = ?)").params(orgId, email, email)
                .query(MemberStore::map).optional();
    }

    public Optional<Member> findById(long orgId, long memberId) {
        return db.sql(SELECT + " WHERE m.org_id = ? AND m.id = ?").params(orgId, memberId)
                .query(MemberStore::map).optional();
    }

    /** Members and invitations, by address. */
    public List<Member> list(long orgId, int offset, int limitPlusOne) {
        return db.sql(SELECT + " WHERE m.org_id = ? ORDER BY COALESCE(u.email, m.email), m.id LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(MemberStore::map).list();
    }

    public void updateRole(long memberId, Role role) {
        db.sql("UPDATE org_members SET role = ? WHERE id = ?").params(role.id(), memberId).update();
    }

    public void delete(long memberId) {
        db.sql("DELETE FROM org_members WHERE id = ?").param(memberId).update();
    }

    /** Withdraws the pending invitations a user sent in an organization; returns how many. */
    public int deleteInvitationsSentBy(long orgId, long userId) {
        return db.sql("DELETE FROM org_members WHERE org_id = ? AND user_id IS NULL AND invited_by = ?")
                .params(orgId, userId).update();
    }

    /** Owners who have joined (an owner invitation is not an owner yet). */
    public long countOwners(long orgId) {
        return db.sql("SELECT COUNT(*) FROM org_members WHERE org_id = ? AND role = 'owner' AND user_id IS NOT NULL")
                .param(orgId).query(Long.class).single();
    }

    static Member map(ResultSet rs, int row) throws SQLException {
        Long user = Rows.longValue(rs, "user_id");
        return new Member(rs.getLong("id"), rs.getLong("org_id"), user, rs.getString("email"), rs.getString("name"),
                Role.parse("role", rs.getString("role")), Rows.instant(rs, "created_at"),
                user == null ? Rows.instant(rs, "expires_at") : null);
    }
}
