package io.bugmaster.incidents.comms;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of incident communication: settings, per-service channels, status updates,
 * subscribers and update reminders; and what the reminders read of the incidents beside them
 * (open incidents with a priority, their assignees), within the incidents feature.
 */
@Repository
class CommsStore {
    private final JdbcClient db;

    CommsStore(JdbcClient db) {
        this.db = db;
    }

    /** One row of incident_settings, or the empty settings. */
    record OrgRow(String situationRoomUrl, Long stakeholderChannelId, Long techChannelId) {
        static final OrgRow NONE = new OrgRow(null, null, null);
    }

    OrgRow orgSettings(long orgId) {
        return db.sql("SELECT * FROM incident_settings WHERE org_id = ?").param(orgId)
                .query((rs, n) -> new OrgRow(rs.getString("situation_room_url"), Rows.longValue(rs, "stakeholder_channel_id"),
                        Rows.longValue(rs, "tech_channel_id")))
                .optional().orElse(OrgRow.NONE);
    }

    void saveOrgSettings(long orgId, OrgRow row) {
        db.sql("""
                INSERT INTO incident_settings (org_id, situation_room_url, stakeholder_channel_id, tech_channel_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (org_id) DO UPDATE SET situation_room_url = excluded.situation_room_url,
                    stakeholder_channel_id = excluded.stakeholder_channel_id, tech_channel_id = excluded.tech_channel_id""")
                .params(orgId, row.situationRoomUrl(), row.stakeholderChannelId(), row.techChannelId()).update();
    }

    /** The organization's services that have channels of their own, by service id. */
    List<ServiceChannels> serviceChannelsOf(long orgId) {
        return db.sql("""
                SELECT c.* FROM incident_service_channels c JOIN services s ON s.id = c.service_id WHERE s.org_id = ? ORDER BY c.service_id""")
                .param(orgId).query(CommsStore::serviceChannelsRow).list();
    }

    Optional<ServiceChannels> serviceChannels(long serviceId) {
        return db.sql("SELECT * FROM incident_service_channels WHERE service_id = ?").param(serviceId).query(CommsStore::serviceChannelsRow)
                .optional();
    }

    private static ServiceChannels serviceChannelsRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ServiceChannels(rs.getLong("service_id"), Rows.longValue(rs, "stakeholder_channel_id"), Rows.longValue(rs, "tech_channel_id"));
    }

    /** Replaces a service's channels; both null removes the row. */
    void saveServiceChannels(ServiceChannels s) {
        if (s.stakeholderChannelId() == null && s.techChannelId() == null) {
            db.sql("DELETE FROM incident_service_channels WHERE service_id = ?").param(s.serviceId()).update();
            return;
        }
        db.sql("""
                INSERT INTO incident_service_channels (service_id, stakeholder_channel_id, tech_channel_id) VALUES (?, ?, ?)
                ON CONFLICT (service_id) DO UPDATE SET stakeholder_channel_id = excluded.stakeholder_channel_id,
                    tech_channel_id = excluded.tech_channel_id""")
                .params(s.serviceId(), s.stakeholderChannelId(), s.techChannelId()).update();
    }

    void deleteServiceChannelsOf(long orgId) {
        db.sql("DELETE FROM incident_service_channels WHERE service_id IN (SELECT id FROM services WHERE org_id = ?)").param(orgId).update();
    }

    /** A setting that names a channel, for its delete confirmation: a service's (or, with a null id, the organization's). */
    record ChannelUse(Long serviceId, boolean stakeholder) {}

    List<ChannelUse> usesOf(long orgId, long channelId) {
        List<ChannelUse> out = new java.util.ArrayList<>();
        OrgRow org = orgSettings(orgId);
        if (Long.valueOf(channelId).equals(org.stakeholderChannelId())) {
            out.add(new ChannelUse(null, true));
        }
        if (Long.valueOf(channelId).equals(org.techChannelId())) {
            out.add(new ChannelUse(null, false));
        }
        db.sql("""
                SELECT c.* FROM incident_service_channels c JOIN services s ON s.id = c.service_id
                WHERE s.org_id = ? AND (c.stakeholder_channel_id = ? OR c.tech_channel_id = ?) ORDER BY c.service_id""")
                .params(orgId, channelId, channelId)
                .query(CommsStore::serviceChannelsRow).list().forEach(s -> {
                    if (Long.valueOf(channelId).equals(s.stakeholderChannelId())) {
                        out.add(new ChannelUse(s.serviceId(), true));
                    }
                    if (Long.valueOf(channelId).equals(s.techChannelId())) {
                        out.add(new ChannelUse(s.serviceId(), false));
                    }
                });
        return out;
    }

    /** Lets go of a channel about to be deleted (SQLite's and PostgreSQL's ON DELETE SET NULL would too; this says so first). */
    void forgetChannel(long orgId, long channelId) {
        db.sql("UPDATE incident_settings SET stakeholder_channel_id = NULL WHERE org_id = ? AND stakeholder_channel_id = ?")
                .params(orgId, channelId).update();
        db.sql("UPDATE incident_settings SET tech_channel_id = NULL WHERE org_id = ? AND tech_channel_id = ?").params(orgId, channelId)
                .update();
        db.sql("UPDATE incident_service_channels SET stakeholder_channel_id = NULL WHERE stakeholder_channel_id = ?").param(channelId)
                .update();
        db.sql("UPDATE incident_service_channels SET tech_channel_id = NULL WHERE tech_channel_id = ?").param(channelId).update();
        db.sql("DELETE FROM incident_service_channels WHERE stakeholder_channel_id IS NULL AND tech_channel_id IS NULL").update();
    }

    long insertUpdate(long incidentId, Instant at, String stage, String message, Long postedBy) {
        return db.sql("INSERT INTO incident_status_updates (incident_id, at, stage, message, posted_by) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(incidentId, at.toEpochMilli(), stage, message, postedBy).query(Long.class).single();
    }

    /** The incident's status updates, newest first. */
    List<StatusUpdate> updates(long incidentId, int offset, int limit) {
        return db.sql("SELECT * FROM incident_status_updates WHERE incident_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
                .params(incidentId, limit, offset)
                .query((rs, n) -> new StatusUpdate(rs.getLong("id"), rs.getLong("incident_id"), Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("stage"), rs.getString("message"), Rows.longValue(rs, "posted_by")))
                .list();
    }

    /** Adds a subscriber; false when the address was subscribed already. */
    boolean subscribe(long incidentId, String email, Long userId, Instant at) {
        return db.sql("INSERT INTO incident_subscribers (incident_id, email, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(incidentId, email, userId, at.toEpochMilli()).update() == 1;
    }

    boolean unsubscribe(long incidentId, String email) {
        return db.sql("DELETE FROM incident_subscribers WHERE incident_id = ? AND email = ?").params(incidentId, email).update() == 1;
    }

    List<Subscriber> subscribers(long incidentId, int offset, int limit) {
        return db.sql("SELECT * FROM incident_subscribers WHERE incident_id = ? ORDER BY created_at, email LIMIT ? OFFSET ?")
                .params(incidentId, limit, offset)
                .query((rs, n) -> new Subscriber(rs.getString("email"), Rows.longValue(rs, "user_id"), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    int subscriberCount(long incidentId) {
        return db.sql("SELECT COUNT(*) FROM incident_subscribers WHERE incident_id = ?").param(incidentId).query(Integer.class).single();
    }

    /** The reminder clock restarts: stakeholders were told something, or the priority was set. */
    void quietSince(long incidentId, Instant at) {
        db.sql("""
                INSERT INTO incident_update_reminders (incident_id, quiet_since) VALUES (?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET quiet_since = excluded.quiet_since
                WHERE incident_update_reminders.quiet_since < excluded.quiet_since""")
                .params(incidentId, at.toEpochMilli()).update();
    }

    /** When stakeholders last heard something (null: nothing recorded since the incident was opened) and the last reminder. */
    record ReminderState(Instant quietSince, Instant remindedAt) {}

    Optional<ReminderState> reminderState(long incidentId) {
        return db.sql("SELECT * FROM incident_update_reminders WHERE incident_id = ?").param(incidentId)
                .query((rs, n) -> new ReminderState(Instant.ofEpochMilli(rs.getLong("quiet_since")), Rows.instant(rs, "reminded_at")))
                .optional();
    }

    /** An open incident with a priority, and its reminder state (quiet since its creation when nothing was recorded). */
    record ReminderRow(long incidentId, long orgId, int priority, Instant quietSince, Instant remindedAt, boolean stored) {}

    /** Open incidents with a priority, after {@code afterId}, in id order, at most {@code limit}. */
    List<ReminderRow> openWithPriority(long afterId, int limit) {
        return db.sql("""
                SELECT i.id, i.org_id, i.priority, i.created_at, r.quiet_since, r.reminded_at, r.incident_id AS stored
                FROM incidents i LEFT JOIN incident_update_reminders r ON r.incident_id = i.id
                WHERE i.status <> 'resolved' AND i.stage <> 'resolved' AND i.priority IS NOT NULL AND i.id > ?
                ORDER BY i.id LIMIT ?""")
                .params(afterId, limit)
                .query((rs, n) -> {
                    Instant quiet = Rows.instant(rs, "quiet_since");
                    return new ReminderRow(rs.getLong("id"), rs.getLong("org_id"), rs.getInt("priority"),
                            quiet == null ? Instant.ofEpochMilli(rs.getLong("created_at")) : quiet, Rows.instant(rs, "reminded_at"),
                            Rows.longValue(rs, "stored") != null);
                })
                .list();
    }

    /**
     * Claims the reminder due at {@code now}: true for the one caller that moved the row from the
     * state it read (another node, or a status update posted meanwhile, makes it false).
     */
    boolean claimReminder(ReminderRow row, Instant now) {
        if (!row.stored()) {
            db.sql("INSERT INTO incident_update_reminders (incident_id, quiet_since) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(row.incidentId(), row.quietSince().toEpochMilli()).update();
        }
        return db.sql("""
                UPDATE incident_update_reminders SET reminded_at = ?
                WHERE incident_id = ? AND quiet_since = ? AND COALESCE(reminded_at, -1) = ?""")
                .params(now.toEpochMilli(), row.incidentId(), row.quietSince().toEpochMilli(),
                        row.remindedAt() == null ? -1L : row.remindedAt().toEpochMilli())
                .update() == 1;
    }

    /** The people assigned to the incident (whom escalation paged last). */
    List<Long> assignees(long incidentId) {
        return db.sql("SELECT user_id FROM incident_assignees WHERE incident_id = ? ORDER BY user_id").param(incidentId).query(Long.class).list();
    }

    /** The newest log line of the incident of one of these kinds written at {@code at}, if any (what a signal's change said in words). */
    Optional<String> logLine(long incidentId, List<String> kinds, Instant at) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(kinds.size(), "?"));
        List<Object> params = new java.util.ArrayList<>();
        params.add(incidentId);
        params.add(at.toEpochMilli());
        params.addAll(kinds);
        return db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND at = ? AND kind IN (" + marks + ") ORDER BY id DESC LIMIT 1")
                .params(params.toArray()).query(String.class).optional();
    }
}
