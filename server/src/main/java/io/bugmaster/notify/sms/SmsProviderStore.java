package io.bugmaster.notify.sms;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** sms_providers: one Twilio-compatible provider per organization; auth_token is stored encrypted. */
@Repository
class SmsProviderStore {
    private final JdbcClient db;

    SmsProviderStore(JdbcClient db) {
        this.db = db;
    }

    record Row(long orgId, String baseUrl, String accountSid, String encryptedToken, String fromNumber, Instant updatedAt) {}

    Optional<Row> find(long orgId) {
        return db.sql("SELECT * FROM sms_providers WHERE org_id = ?").param(orgId).query((rs, n) -> row(rs)).optional();
    }

    /** The organizations whose provider sends from this number (one, unless two share a number). */
    java.util.List<Row> byFromNumber(String fromNumber) {
        return db.sql("SELECT * FROM sms_providers WHERE from_number = ? ORDER BY org_id").param(fromNumber).query((rs, n) -> row(rs)).list();
    }

    void upsert(long orgId, String baseUrl, String accountSid, String encryptedToken, String fromNumber, Instant now) {
        db.sql("""
                INSERT INTO sms_providers (org_id, base_url, account_sid, auth_token, from_number, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id) DO UPDATE SET base_url = excluded.base_url, account_sid = excluded.account_sid,
                    auth_token = excluded.auth_token, from_number = excluded.from_number, updated_at = excluded.updated_at""")
                .params(orgId, baseUrl, accountSid, encryptedToken, fromNumber, now.toEpochMilli()).update();
    }

    boolean delete(long orgId) {
        return db.sql("DELETE FROM sms_providers WHERE org_id = ?").param(orgId).update() == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong("org_id"), rs.getString("base_url"), rs.getString("account_sid"), rs.getString("auth_token"),
                rs.getString("from_number"), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
