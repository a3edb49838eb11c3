package io.bugmaster.notify;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** notification_deliveries: one row per attempt to deliver one notification to one channel. */
@Repository
public class DeliveryStore {
    private final JdbcClient db;

    public DeliveryStore(JdbcClient db) {
        this.db = db;
    }

    /** Records one attempt, to a channel or (channelId null) to one person's email address. */
    public long insert(Long channelId, String email, Long contactMethodId, String idempotencyKey, int attempt, DeliveryStatus status,
            Integer httpStatus, String error, String messageRef, Instant now) {
        return db.sql("""
                INSERT INTO notification_deliveries (channel_id, email, contact_method_id, idempotency_key, attempt, status, http_status,
                    error, message_ref, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(channelId, email, contactMethodId, idempotencyKey, attempt, status.id(), httpStatus, error, messageRef, now.toEpochMilli())
                .query(Long.class).single();
    }

    /** Deletes up to {@code limit} attempts recorded before {@code before}; returns how many. */
    int deleteBefore(Instant before, int limit) {
        return db.sql("""
                DELETE FROM notification_deliveries WHERE id IN (
                    SELECT id FROM notification_deliveries WHERE created_at < ? LIMIT ?)""")
                .params(before.toEpochMilli(), limit).update();
    }

    /** The latest attempt of each of the given channels, by channel id (for the channels page's health column). */
    public java.util.Map<Long, Delivery> latest(java.util.Collection<Long> channelIds) {
        java.util.Map<Long, Delivery> out = new java.util.HashMap<>();
        for (long id : channelIds) {
            recent(id, 0, 1).stream().findFirst().ifPresent(d -> out.put(id, d));
        }
        return out;
    }

    /** The latest attempts of a channel, newest first. */
    public List<Delivery> recent(long channelId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM notification_deliveries WHERE channel_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(channelId, limitPlusOne, offset)
                .query((rs, row) -> new Delivery(rs.getLong("id"), rs.getLong("channel_id"), rs.getString("idempotency_key"),
                        rs.getInt("attempt"), DeliveryStatus.parse(rs.getString("status")),
                        Rows.integer(rs, "http_status"), rs.getString("error"), rs.getString("message_ref"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }
}
