package io.bugmaster.oncall.schedules;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of schedules, their layers, overrides, temporary schedules, recorded shifts and calendar
 * feeds. Every lookup by id is scoped to the organization (a schedule's children through their
 * schedule), so another organization's ids are never found.
 */
@Repository
public class ScheduleStore {
    private final JdbcClient db;

    public ScheduleStore(JdbcClient db) {
        this.db = db;
    }

    // --- schedules

    /** Inserts the schedule; empty when the organization has one of that name. */
    public Optional<Long> insert(long orgId, String name, ZoneId zone, String description, Long teamId, List<Layer> layers, Instant now) {
        Optional<Long> id = db.sql("""
                INSERT INTO schedules (org_id, name, time_zone, description, team_id, created_at, updated_at, recorded_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""")
                .params(orgId, name, zone.getId(), description, teamId, now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli())
                .query(Long.class).optional();
        id.ifPresent(scheduleId -> insertLayers(scheduleId, layers));
        return id;
    }

    /** Replaces the schedule's settings and layers; false when another schedule of the organization has that name. */
    public boolean update(long orgId, long id, String name, ZoneId zone, String description, Long teamId, List<Layer> layers, Instant now) {
        boolean taken = db.sql("SELECT COUNT(*) FROM schedules WHERE org_id = ? AND name = ? AND id <> ?").params(orgId, name, id)
                .query(Long.class).single() > 0;
        if (taken) {
            return false;
        }
        int updated = db.sql("""
                UPDATE schedules SET name = ?, time_zone = ?, description = ?, team_id = ?, updated_at = ? WHERE org_id = ? AND id = ?""")
                .params(name, zone.getId(), description, teamId, now.toEpochMilli(), orgId, id).update();
        if (updated > 0) {
            db.sql("DELETE FROM schedule_layers WHERE schedule_id = ?").param(id).update();
            insertLayers(id, layers);
        }
        return true;
    }

    private void insertLayers(long scheduleId, List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long layerId = db.sql("""
                    INSERT INTO schedule_layers (schedule_id, position, name, start_at, end_at, rotation_virtual_start, turn_length_seconds)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(scheduleId, i, l.name(), l.start().toEpochMilli(), Rows.millis(l.end()), l.rotationVirtualStart().toEpochMilli(),
                            l.turnLength().seconds())
                    .query(Long.class).single();
            for (int u = 0; u < l.users().size(); u++) {
                db.sql("INSERT INTO schedule_layer_users (layer_id, position, user_id) VALUES (?, ?, ?)").params(layerId, u, l.users().get(u)).update();
            }
            for (int r = 0; r < l.restrictions().size(); r++) {
                Restriction x = l.restrictions().get(r);
                db.sql("""
                        INSERT INTO schedule_restrictions (layer_id, position, kind, start_second_of_day, duration_seconds, start_day_of_week)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(layerId, r, x.kind().id(), x.startTimeOfDay().toSecondOfDay(), x.durationSeconds(),
                                x.startDayOfWeek() == null ? null : x.startDayOfWeek().getValue())
                        .update();
            }
        }
    }

    public Optional<Schedule> find(long orgId, long id) {
        return db.sql("SELECT * FROM schedules WHERE org_id = ? AND id = ?").params(orgId, id).query(ScheduleStore::mapRow).optional()
                .map(this::withLayers);
    }

    /** The organization's schedules by name, a page of them. */
    public List<Schedule> list(long orgId, int offset, int limit) {
        return db.sql("SELECT * FROM schedules WHERE org_id = ? ORDER BY LOWER(name), id LIMIT ? OFFSET ?").params(orgId, limit, offset)
                .query(ScheduleStore::mapRow).list().stream().map(this::withLayers).toList();
    }

    public List<Long> ids(long orgId) {
        return db.sql("SELECT id FROM schedules WHERE org_id = ? ORDER BY id").param(orgId).query(Long.class).list();
    }

    /** The organization's schedules on which the person takes turns. */
    public List<Long> idsWithUser(long orgId, long userId) {
        return db.sql("""
                SELECT DISTINCT s.id FROM schedules s JOIN schedule_layers l ON l.schedule_id = s.id
                JOIN schedule_layer_users u ON u.layer_id = l.id WHERE s.org_id = ? AND u.user_id = ? ORDER BY s.id""")
                .params(orgId, userId).query(Long.class).list();
    }

    public boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM schedules WHERE org_id = ? AND id = ?").params(orgId, id).update() > 0;
    }

    /** Takes the person out of every layer of the organization's schedules. */
    public void removeFromLayers(long orgId, long userId) {
        db.sql("""
                DELETE FROM schedule_layer_users WHERE user_id = ? AND layer_id IN
                (SELECT l.id FROM schedule_layers l JOIN schedules s ON s.id = l.schedule_id WHERE s.org_id = ?)""")
                .params(userId, orgId).update();
    }

    private Schedule withLayers(Row row) {
        Map<Long, LayerRow> layers = new LinkedHashMap<>();
        db.sql("SELECT * FROM schedule_layers WHERE schedule_id = ? ORDER BY position").param(row.id)
                .query((rs, n) -> new LayerRow(rs.getLong("id"), rs.getString("name"), Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"),
                        Rows.instant(rs, "rotation_virtual_start"), rs.getLong("turn_length_seconds"), new ArrayList<>(), new ArrayList<>()))
                .list().forEach(l -> layers.put(l.id, l));
        if (!layers.isEmpty()) {
            db.sql("""
                    SELECT u.layer_id, u.user_id FROM schedule_layer_users u JOIN schedule_layers l ON l.id = u.layer_id
                    WHERE l.schedule_id = ? ORDER BY u.layer_id, u.position""").param(row.id)
                    .query((rs, n) -> layers.get(rs.getLong(1)).users.add(rs.getLong(2))).list();
            db.sql("""
                    SELECT r.* FROM schedule_restrictions r JOIN schedule_layers l ON l.id = r.layer_id
                    WHERE l.schedule_id = ? ORDER BY r.layer_id, r.position""").param(row.id)
                    .query((rs, n) -> layers.get(rs.getLong("layer_id")).restrictions.add(restriction(rs))).list();
        }
        List<Layer> built = layers.values().stream().map(l -> new Layer(l.name, l.start, l.end, l.virtualStart,
                new TurnLength(l.turnSeconds), l.users, l.restrictions)).toList();
        return new Schedule(row.id, row.orgId, row.name, ZoneId.of(row.zone), row.description, row.teamId, built, row.createdAt,
                row.updatedAt, row.recordedUntil);
    }

    private static Restriction restriction(ResultSet rs) throws SQLException {
        Restriction.Kind kind = Restriction.Kind.DAILY.id().equals(rs.getString("kind")) ? Restriction.Kind.DAILY : Restriction.Kind.WEEKLY;
        Integer day = Rows.integer(rs, "start_day_of_week");
        return new Restriction(kind, LocalTime.ofSecondOfDay(rs.getInt("start_second_of_day")), rs.getLong("duration_seconds"),
                day == null ? null : DayOfWeek.of(day));
    }

    private record Row(long id, long orgId, String name, String zone, String description, Long teamId, Instant createdAt,
            Instant updatedAt, Instant recordedUntil) {}

    private record LayerRow(long id, String name, Instant start, Instant end, Instant virtualStart, long turnSeconds, List<Long> users,
            List<Restriction> restrictions) {}

    private static Row mapRow(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getString("time_zone"), rs.getString("description"),
                Rows.longValue(rs, "team_id"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), Rows.instant(rs, "recorded_until"));
    }

    // --- overrides

    public ScheduleOverride insertOverride(long scheduleId, long userId, Instant start, Instant end, Long createdBy, Instant now) {
        long id = db.sql("""
                INSERT INTO schedule_overrides (schedule_id, user_id, start_at, end_at, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(scheduleId, userId, start.toEpochMilli(), end.toEpochMilli(), createdBy, now.toEpochMilli()).query(Long.class).single();
        return new ScheduleOverride(id, scheduleId, userId, millis(start), millis(end), createdBy, millis(now));
    }

    /** The schedule's overrides that overlap {@code [since, until)}, oldest first (a later one wins). */
    public List<ScheduleOverride> overrides(long scheduleId, Instant since, Instant until) {
        return db.sql("SELECT * FROM schedule_overrides WHERE schedule_id = ? AND end_at > ? AND start_at < ? ORDER BY id")
                .params(scheduleId, since.toEpochMilli(), until.toEpochMilli()).query(ScheduleStore::mapOverride).list();
    }

    public Optional<ScheduleOverride> override(long scheduleId, long id) {
        return db.sql("SELECT * FROM schedule_overrides WHERE schedule_id = ? AND id = ?").params(scheduleId, id)
                .query(ScheduleStore::mapOverride).optional();
    }

    public boolean deleteOverride(long scheduleId, long id) {
        return db.sql("DELETE FROM schedule_overrides WHERE schedule_id = ? AND id = ?").params(scheduleId, id).update() > 0;
    }

    /** Drops the person's overrides and temporary shifts on the organization's schedules that have not ended. */
    public void removeFutureCover(long orgId, long userId, Instant now) {
        db.sql("""
                DELETE FROM schedule_overrides WHERE user_id = ? AND end_at > ?
                AND schedule_id IN (SELECT id FROM schedules WHERE org_id = ?)""").params(userId, now.toEpochMilli(), orgId).update();
        db.sql("""
                DELETE FROM schedule_temporary_shifts WHERE user_id = ? AND end_at > ? AND temporary_id IN
                (SELECT t.id FROM schedule_temporary t JOIN schedules s ON s.id = t.schedule_id WHERE s.org_id = ?)""")
                .params(userId, now.toEpochMilli(), orgId).update();
    }

    private static ScheduleOverride mapOverride(ResultSet rs, int n) throws SQLException {
        return new ScheduleOverride(rs.getLong("id"), rs.getLong("schedule_id"), rs.getLong("user_id"), Rows.instant(rs, "start_at"),
                Rows.instant(rs, "end_at"), Rows.longValue(rs, "created_by"), Rows.instant(rs, "created_at"));
    }

    // --- temporary schedules

    public TemporarySchedule insertTemporary(long scheduleId, Instant start, Instant end, List<Shift> shifts, Instant now) {
        long id = db.sql("INSERT INTO schedule_temporary (schedule_id, start_at, end_at, created_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(scheduleId, start.toEpochMilli(), end.toEpochMilli(), now.toEpochMilli()).query(Long.class).single();
        for (int i = 0; i < shifts.size(); i++) {
            Shift s = shifts.get(i);
            db.sql("INSERT INTO schedule_temporary_shifts (temporary_id, position, user_id, start_at, end_at) VALUES (?, ?, ?, ?, ?)")
                    .params(id, i, s.userId(), s.start().toEpochMilli(), s.end().toEpochMilli()).update();
        }
        return new TemporarySchedule(id, scheduleId, millis(start), millis(end),
                shifts.stream().map(s -> new Shift(s.userId(), millis(s.start()), millis(s.end()))).toList());
    }

    /** The schedule's temporary schedules that overlap {@code [since, until)}, oldest first. */
    public List<TemporarySchedule> temporaries(long scheduleId, Instant since, Instant until) {
        List<long[]> rows = db.sql("SELECT id, start_at, end_at FROM schedule_temporary WHERE schedule_id = ? AND end_at > ? AND start_at < ? ORDER BY id")
                .params(scheduleId, since.toEpochMilli(), until.toEpochMilli())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        List<TemporarySchedule> out = new ArrayList<>();
        for (long[] r : rows) {
            List<Shift> shifts = db.sql("SELECT user_id, start_at, end_at FROM schedule_temporary_shifts WHERE temporary_id = ? ORDER BY position")
                    .param(r[0]).query((rs, n) -> new Shift(rs.getLong(1), Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"))).list();
            out.add(new TemporarySchedule(r[0], scheduleId, Instant.ofEpochMilli(r[1]), Instant.ofEpochMilli(r[2]), shifts));
        }
        return out;
    }

    public boolean deleteTemporary(long scheduleId, long id) {
        return db.sql("DELETE FROM schedule_temporary WHERE schedule_id = ? AND id = ?").params(scheduleId, id).update() > 0;
    }

    // --- recorded shifts

    /** The recorded shifts that overlap {@code [since, until)}, cut to it, in order. */
    public List<Shift> history(long scheduleId, Instant since, Instant until) {
        long from = since.toEpochMilli();
        long to = until.toEpochMilli();
        return db.sql("SELECT user_id, start_at, end_at FROM schedule_shift_history WHERE schedule_id = ? AND end_at > ? AND start_at < ? ORDER BY start_at")
                .params(scheduleId, from, to)
                .query((rs, n) -> new Shift(rs.getLong(1), Instant.ofEpochMilli(Math.max(from, rs.getLong(2))),
                        Instant.ofEpochMilli(Math.min(to, rs.getLong(3))))).list();
    }

    /**
     * Records the shifts of {@code [recordedUntil, until)} and moves the schedule's horizon to {@code until},
     * if nobody moved it since {@code recordedUntil} was read (two nodes never record the same span twice).
     */
    public boolean record(long scheduleId, Instant recordedUntil, Instant until, List<Shift> shifts) {
        int claimed = db.sql("UPDATE schedules SET recorded_until = ? WHERE id = ? AND recorded_until = ?")
                .params(until.toEpochMilli(), scheduleId, recordedUntil.toEpochMilli()).update();
        if (claimed == 0) {
            return false;
        }
        for (Shift s : shifts) {
            db.sql("INSERT INTO schedule_shift_history (schedule_id, start_at, end_at, user_id) VALUES (?, ?, ?, ?)")
                    .params(scheduleId, s.start().toEpochMilli(), s.end().toEpochMilli(), s.userId()).update();
        }
        return true;
    }

    /** A schedule whose history needs recording. */
    public record Due(long orgId, long id) {}

    /** Schedules whose recorded horizon is before {@code before}, the most behind first. */
    public List<Due> dueForRecording(Instant before, int limit) {
        return db.sql("SELECT org_id, id FROM schedules WHERE recorded_until < ? ORDER BY recorded_until, id LIMIT ?")
                .params(before.toEpochMilli(), limit).query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2))).list();
    }

    // --- calendar feeds

    public CalendarFeed insertFeed(long orgId, Long scheduleId, Long userId, long createdBy, String tokenHash, Instant now) {
        long id = db.sql("""
                INSERT INTO calendar_feeds (org_id, schedule_id, user_id, created_by, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING id""").params(orgId, scheduleId, userId, createdBy, tokenHash, now.toEpochMilli()).query(Long.class).single();
        return new CalendarFeed(id, orgId, scheduleId, userId, createdBy, millis(now), null);
    }

    public Optional<CalendarFeed> feedByTokenHash(String tokenHash) {
        return db.sql("SELECT * FROM calendar_feeds WHERE token_hash = ?").param(tokenHash).query(ScheduleStore::mapFeed).optional();
    }

    /** The feeds someone made in the organization, newest first, revoked ones included. */
    public List<CalendarFeed> feedsBy(long orgId, long createdBy) {
        return db.sql("SELECT * FROM calendar_feeds WHERE org_id = ? AND created_by = ? ORDER BY id DESC").params(orgId, createdBy)
                .query(ScheduleStore::mapFeed).list();
    }

    public Optional<CalendarFeed> feed(long orgId, long id) {
        return db.sql("SELECT * FROM calendar_feeds WHERE org_id = ? AND id = ?").params(orgId, id).query(ScheduleStore::mapFeed).optional();
    }

    public boolean revokeFeed(long orgId, long id, Instant now) {
        return db.sql("UPDATE calendar_feeds SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL")
                .params(now.toEpochMilli(), orgId, id).update() > 0;
    }

    /** Revokes every feed the person made or that shows their shifts in the organization (they left). */
    public void revokeFeedsOf(long orgId, long userId, Instant now) {
        db.sql("UPDATE calendar_feeds SET revoked_at = ? WHERE org_id = ? AND (created_by = ? OR user_id = ?) AND revoked_at IS NULL")
                .params(now.toEpochMilli(), orgId, userId, userId).update();
    }

    private static CalendarFeed mapFeed(ResultSet rs, int n) throws SQLException {
        return new CalendarFeed(rs.getLong("id"), rs.getLong("org_id"), Rows.longValue(rs, "schedule_id"), Rows.longValue(rs, "user_id"),
                rs.getLong("created_by"), Rows.instant(rs, "created_at"), Rows.instant(rs, "revoked_at"));
    }

    private static Instant millis(Instant t) {
        return Instant.ofEpochMilli(t.toEpochMilli());
    }
}
