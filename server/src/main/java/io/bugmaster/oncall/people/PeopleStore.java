package io.bugmaster.oncall.people;

import io.bugmaster.oncall.Urgency;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** contact_methods (config encrypted by the caller) and notification_rules. */
@Repository
class PeopleStore {
    private final JdbcClient db;

    PeopleStore(JdbcClient db) {
        this.db = db;
    }

    /** A stored contact method, config still encrypted. */
    record MethodRow(long id, long userId, String kind, String name, String address, String config, boolean enabled, String lastError,
            Long lastErrorAt, long createdAt) {}

    List<MethodRow> methods(long userId) {
        return db.sql("SELECT * FROM contact_methods WHERE user_id = ? ORDER BY id").param(userId).query((rs, n) -> method(rs)).list();
    }

    Optional<MethodRow> method(long id) {
        return db.sql("SELECT * FROM contact_methods WHERE id = ?").param(id).query((rs, n) -> method(rs)).optional();
    }

    /** The SMS methods with this number, oldest first. */
    List<MethodRow> smsMethods(String phone) {
        return db.sql("SELECT * FROM contact_methods WHERE kind = 'sms' AND address = ? ORDER BY id").param(phone)
                .query((rs, n) -> method(rs)).list();
    }

    long countMethods(long userId) {
        return db.sql("SELECT COUNT(*) FROM contact_methods WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    long insertMethod(long userId, String kind, String name, String address, String encryptedConfig, Instant now) {
        return db.sql("""
                INSERT INTO contact_methods (user_id, kind, name, address, config, enabled, created_at)
                VALUES (?, ?, ?, ?, ?, TRUE, ?) RETURNING id""")
                .params(userId, kind, name, address, encryptedConfig, now.toEpochMilli()).query(Long.class).single();
    }

    /** Changes a method; a new address or config forgets its last failure (it may work now). */
    void updateMethod(long id, String name, String address, String encryptedConfig, boolean enabled, boolean forgetFailure) {
        db.sql("""
                UPDATE contact_methods SET name = ?, address = ?, config = ?, enabled = ?,
                    last_error = CASE WHEN ? THEN NULL ELSE last_error END, last_error_at = CASE WHEN ? THEN NULL ELSE last_error_at END
                WHERE id = ?""")
                .params(name, address, encryptedConfig, enabled, forgetFailure, forgetFailure, id).update();
    }

    boolean deleteMethod(long userId, long id) {
        return db.sql("DELETE FROM contact_methods WHERE user_id = ? AND id = ?").params(userId, id).update() == 1;
    }

    void markDelivered(long id) {
        db.sql("UPDATE contact_methods SET last_error = NULL, last_error_at = NULL WHERE id = ? AND last_error IS NOT NULL").param(id).update();
    }

    void markFailed(long id, String reason, Instant now) {
        db.sql("UPDATE contact_methods SET last_error = ?, last_error_at = ? WHERE id = ?").params(reason, now.toEpochMilli(), id).update();
    }

    List<NotificationRule> rules(long userId) {
        return db.sql("""
                SELECT id, user_id, urgency, contact_method_id, delay_minutes FROM notification_rules WHERE user_id = ?
                ORDER BY urgency, delay_minutes, contact_method_id""").param(userId).query((rs, n) -> rule(rs)).list();
    }

    Optional<NotificationRule> rule(long userId, long id) {
        return db.sql("SELECT id, user_id, urgency, contact_method_id, delay_minutes FROM notification_rules WHERE user_id = ? AND id = ?")
                .params(userId, id).query((rs, n) -> rule(rs)).optional();
    }

    /** Adds a rule; empty when the same rule exists. */
    Optional<Long> insertRule(long userId, Urgency urgency, long methodId, int delayMinutes, Instant now) {
        return db.sql("""
                INSERT INTO notification_rules (user_id, urgency, contact_method_id, delay_minutes, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, urgency, contact_method_id, delay_minutes) DO NOTHING RETURNING id""")
                .params(userId, urgency.name(), methodId, delayMinutes, now.toEpochMilli()).query(Long.class).optional();
    }

    boolean updateRule(long userId, long id, Urgency urgency, long methodId, int delayMinutes) {
        return db.sql("UPDATE notification_rules SET urgency = ?, contact_method_id = ?, delay_minutes = ? WHERE user_id = ? AND id = ?")
                .params(urgency.name(), methodId, delayMinutes, userId, id).update() == 1;
    }

    boolean deleteRule(long userId, long id) {
        return db.sql("DELETE FROM notification_rules WHERE user_id = ? AND id = ?").params(userId, id).update() == 1;
    }

    private static MethodRow method(ResultSet rs) throws SQLException {
        return new MethodRow(rs.getLong("id"), rs.getLong("user_id"), rs.getString("kind"), rs.getString("name"), rs.getString("address"),
                rs.getString("config"), rs.getBoolean("enabled"), rs.getString("last_error"), Rows.longValue(rs, "last_error_at"),
                rs.getLong("created_at"));
    }

    private static NotificationRule rule(ResultSet rs) throws SQLException {
        return new NotificationRule(rs.getLong("id"), rs.getLong("user_id"), Urgency.valueOf(rs.getString("urgency")),
                rs.getLong("contact_method_id"), rs.getInt("delay_minutes"));
    }
}
