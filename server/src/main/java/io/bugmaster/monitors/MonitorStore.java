package io.bugmaster.monitors;

import io.bugmaster.storage.Dialect;
import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The monitors package's tables: {@code monitors}, {@code check_ins} (a job's runs),
 * {@code monitor_results} (a check's runs), {@code monitor_flips} (state changes) and
 * {@code monitor_ping_keys}. Callers hold the transaction.
 */
@Repository
public class MonitorStore {
    private final JdbcClient db;
    private final Dialect dialect;

    public MonitorStore(JdbcClient db, Dialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    /** The settings a person (or a Sentry SDK's monitor_config) gives a monitor. */
    public record Settings(String name, MonitorKind kind, MonitorConfig config, String severity, Long serviceId,
            boolean createIssue) {}

    public long insert(long orgId, long projectId, String slug, Settings s, String pingUuid, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("""
                INSERT INTO monitors (org_id, project_id, slug, name, kind, config, state, state_since, severity, service_id,
                create_issue, ping_uuid, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)""")
                .params(orgId, projectId, slug, s.name(), s.kind().id(), MonitorConfigJson.write(s.config()), now.toEpochMilli(),
                        s.severity(), s.serviceId(), s.createIssue(), pingUuid, now.toEpochMilli(), now.toEpochMilli())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void updateSettings(long id, Settings s, Instant now) {
        db.sql("""
                UPDATE monitors SET name = ?, kind = ?, config = ?, severity = ?, service_id = ?, create_issue = ?, updated_at = ?
                WHERE id = ?""")
                .params(s.name(), s.kind().id(), MonitorConfigJson.write(s.config()), s.severity(), s.serviceId(), s.createIssue(),
                        now.toEpochMilli(), id).update();
    }

    public Optional<Monitor> find(long id) {
        return db.sql("SELECT * FROM monitors WHERE id = ?").param(id).query(MonitorStore::map).optional();
    }

    /** The monitor, locked until the transaction ends (PostgreSQL; SQLite has one writer). */
    public Optional<Monitor> lock(long id) {
        return db.sql("SELECT * FROM monitors WHERE id = ?" + dialect.lockRows()).param(id).query(MonitorStore::map).optional();
    }

    public Optional<Monitor> findBySlug(long orgId, String slug) {
        return db.sql("SELECT * FROM monitors WHERE org_id = ? AND slug = ?").params(orgId, slug).query(MonitorStore::map).optional();
    }

    public Optional<Monitor> findByPingUuid(String uuid) {
        return db.sql("SELECT * FROM monitors WHERE ping_uuid = ?").param(uuid).query(MonitorStore::map).optional();
    }

    /** An organization's monitors by name. */
    public List<Monitor> list(long orgId) {
        return db.sql("SELECT * FROM monitors WHERE org_id = ? ORDER BY name, id").param(orgId).query(MonitorStore::map).list();
    }

    public List<Monitor> listForProject(long projectId) {
        return db.sql("SELECT * FROM monitors WHERE project_id = ? ORDER BY name, id").param(projectId).query(MonitorStore::map).list();
    }

    public boolean delete(long id) {
        return db.sql("DELETE FROM monitors WHERE id = ?").param(id).update() > 0;
    }

    /** Writes what the state calculator decided, and when the monitor is next due. */
    public void saveState(long id, MonitorStates.Snapshot s, Instant stateSince, Instant nextDueAt, Instant lastCheckinAt,
            Double lastValue, Instant now) {
        db.sql("""
                UPDATE monitors SET state = ?, state_since = ?, state_reason = ?, fail_streak = ?, ok_streak = ?, last_said = ?,
                next_due_at = ?, last_checkin_at = ?, last_value = ?, updated_at = ? WHERE id = ?""")
                .params(s.state().id(), stateSince.toEpochMilli(), s.reason(), s.failStreak(), s.okStreak(), s.lastSaid(),
                        Rows.millis(nextDueAt), Rows.millis(lastCheckinAt), lastValue, now.toEpochMilli(), id).update();
    }

    public void setMuted(long id, boolean muted, Instant now) {
        db.sql("UPDATE monitors SET muted = ?, updated_at = ? WHERE id = ?").params(muted, now.toEpochMilli(), id).update();
    }

    // --- due work (the engine's modules) ---

    /** Checks (sql, metric, volume) whose run is due and that no node is running. */
    public List<Monitor> dueChecks(Instant now, int limit) {
        return db.sql("""
                SELECT * FROM monitors WHERE next_due_at <= ? AND kind <> 'cron' AND state <> 'paused' AND claimed_at IS NULL
                ORDER BY next_due_at, id LIMIT ?""").params(now.toEpochMilli(), limit).query(MonitorStore::map).list();
    }

    /**
     * Cron monitors whose expected check-in time has come (late or missed: the calculator says which),
     * in the order of that time, a page after {@code after} (null: the first page).
     */
    public List<Monitor> dueCron(Instant now, Monitor after, int limit) {
        long afterDue = after == null ? Long.MIN_VALUE : after.nextDueAt().toEpochMilli();
        long afterId = after == null ? 0 : after.id();
        return db.sql("""
                SELECT * FROM monitors WHERE next_due_at <= ? AND kind = 'cron' AND state IN ('up', 'late', 'down')
                AND (next_due_at > ? OR (next_due_at = ? AND id > ?))
                ORDER BY next_due_at, id LIMIT ?""").params(now.toEpochMilli(), afterDue, afterDue, afterId, limit)
                .query(MonitorStore::map).list();
    }

    /** Claims a check's run for this node: false when another node (or an earlier cycle) has it. */
    public boolean claim(long id, Instant now) {
        return db.sql("UPDATE monitors SET claimed_at = ? WHERE id = ? AND claimed_at IS NULL").params(now.toEpochMilli(), id).update() == 1;
    }

    public void release(long id) {
        db.sql("UPDATE monitors SET claimed_at = NULL WHERE id = ?").param(id).update();
    }

    /** Claims older than {@code before} (a node that died while running the check) are given up. */
    public int releaseStale(Instant before) {
        return db.sql("UPDATE monitors SET claimed_at = NULL WHERE claimed_at < ?").param(before.toEpochMilli()).update();
    }

    // --- flips ---

    public record Flip(Instant at, MonitorState from, MonitorState to, String reason) {}

    public void insertFlip(long monitorId, Instant at, MonitorState from, MonitorState to, String reason) {
        db.sql("INSERT INTO monitor_flips (monitor_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)")
                .params(monitorId, at.toEpochMilli(), from.id(), to.id(), reason).update();
    }

    /** A monitor's flips since {@code from}, oldest first, and the last one before it (the state at {@code from}). */
    public List<Flip> flips(long monitorId, Instant from) {
        return db.sql("""
                SELECT * FROM monitor_flips WHERE monitor_id = ? AND (at >= ? OR id = (SELECT MAX(id) FROM monitor_flips
                WHERE monitor_id = ? AND at < ?)) ORDER BY at, id""")
                .params(monitorId, from.toEpochMilli(), monitorId, from.toEpochMilli())
                .query((rs, n) -> new Flip(Rows.instant(rs, "at"), MonitorState.parse(rs.getString("from_state")).orElseThrow(),
                        MonitorState.parse(rs.getString("to_state")).orElseThrow(), rs.getString("reason"))).list();
    }

    // --- check-ins (a job's runs) ---

    /**
     * One run of a job. {@code checkInId}: Sentry's check_in_id (32 hex digits), or one made for a ping.
     * {@code status}: in_progress, ok, error, missed, timeout.
     */
    public record CheckIn(long id, long monitorId, String checkInId, String status, Instant receivedAt, Instant finishedAt,
            Double duration, Integer exitCode, String output, String source, String environment, String release) {}

    public long insertCheckIn(long projectId, Monitor m, String checkInId, String status, Instant receivedAt, Instant finishedAt,
            Double duration, Integer exitCode, String output, String source, String environment, String release, String payload) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("""
                INSERT INTO check_ins (project_id, monitor_slug, check_in_id, status, duration, release, environment, payload,
                received_at, monitor_id, finished_at, exit_code, output, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, m.slug(), checkInId, status, duration, release, environment, payload == null ? "{}" : payload,
                        receivedAt.toEpochMilli(), m.id(), Rows.millis(finishedAt), exitCode, output, source)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** A check-in of a slug no monitor has yet (and that brings no monitor_config): kept until one is made (adoptCheckIns). */
    public void insertUnclaimedCheckIn(long projectId, String slug, String checkInId, String status, Double duration, String release,
            String environment, String payload, Instant receivedAt) {
        db.sql("""
                INSERT INTO check_ins (project_id, monitor_slug, check_in_id, status, duration, release, environment, payload,
                received_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sentry')""")
                .params(projectId, slug, checkInId, status, duration, release, environment, payload, receivedAt.toEpochMilli()).update();
    }

    /** Ends a run that was in progress. */
    public void finishCheckIn(long id, String status, Instant finishedAt, Double duration, Integer exitCode, String output) {
        db.sql("""
                UPDATE check_ins SET status = ?, finished_at = ?, duration = ?, exit_code = COALESCE(?, exit_code),
                output = COALESCE(?, output) WHERE id = ?""")
                .params(status, finishedAt.toEpochMilli(), duration, exitCode, output, id).update();
    }

    /** A run's output (a ping's {@code /log} added to it). */
    public void setCheckInOutput(long id, String output) {
        db.sql("UPDATE check_ins SET output = ? WHERE id = ?").params(output, id).update();
    }

    /** Ends a run still in progress as timed out; false when it has ended meanwhile (a report came, or another node did it). */
    public boolean timeOutCheckIn(long id, Instant at, double durationSeconds) {
        return db.sql("UPDATE check_ins SET status = 'timeout', finished_at = ?, duration = ? WHERE id = ? AND status = 'in_progress'")
                .params(at.toEpochMilli(), durationSeconds, id).update() == 1;
    }

    public Optional<CheckIn> checkIn(long id) {
        return db.sql("SELECT * FROM check_ins WHERE id = ?").param(id).query(MonitorStore::mapCheckIn).optional();
    }

    public Optional<CheckIn> checkInById(long monitorId, String checkInId) {
        return db.sql("SELECT * FROM check_ins WHERE monitor_id = ? AND check_in_id = ? ORDER BY id DESC LIMIT 1")
                .params(monitorId, checkInId).query(MonitorStore::mapCheckIn).optional();
    }

    /** The latest run still in progress (an all-zero check_in_id, a ping without a run id). */
    public Optional<CheckIn> latestInProgress(long monitorId) {
        return db.sql("SELECT * FROM check_ins WHERE monitor_id = ? AND status = 'in_progress' ORDER BY received_at DESC, id DESC LIMIT 1")
                .param(monitorId).query(MonitorStore::mapCheckIn).optional();
    }

    /** Runs in progress of every monitor (the timeout check): few, since runs end or time out. */
    public List<CheckIn> allInProgress(int limit) {
        return db.sql("SELECT * FROM check_ins WHERE monitor_id IS NOT NULL AND status = 'in_progress' ORDER BY received_at LIMIT ?")
                .param(limit).query(MonitorStore::mapCheckIn).list();
    }

    /** A monitor's runs, newest first, before {@code beforeId} (null: the newest). */
    public List<CheckIn> checkIns(long monitorId, Long beforeId, int limit) {
        return db.sql("SELECT * FROM check_ins WHERE monitor_id = ? AND id < ? ORDER BY id DESC LIMIT ?")
                .params(monitorId, beforeId == null ? Long.MAX_VALUE : beforeId, limit).query(MonitorStore::mapCheckIn).list();
    }

    /** A monitor's runs, newest first, a page at {@code offset} (the API's cursor pagination). */
    public List<CheckIn> checkInPage(long monitorId, int offset, int limit) {
        return db.sql("SELECT * FROM check_ins WHERE monitor_id = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(monitorId, limit, offset).query(MonitorStore::mapCheckIn).list();
    }

    /** Check-ins of a slug from before its monitor existed (ingest kept them since V5) join it. */
    public int adoptCheckIns(long projectId, Monitor m) {
        return db.sql("UPDATE check_ins SET monitor_id = ? WHERE project_id = ? AND monitor_slug = ? AND monitor_id IS NULL")
                .params(m.id(), projectId, m.slug()).update();
    }

    // --- results (a check's runs) ---

    /** {@code outcome}: ok, firing, error. {@code detail}: JSON text. */
    public record Result(long id, long monitorId, Instant at, String outcome, Double value, Long records, Long durationMs,
            String detail) {}

    public long insertResult(long monitorId, Instant at, String outcome, Double value, Long records, Long durationMs, String detail) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("INSERT INTO monitor_results (monitor_id, at, outcome, value, records, duration_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(monitorId, at.toEpochMilli(), outcome, value, records, durationMs, detail).update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Result> result(long id) {
        return db.sql("SELECT * FROM monitor_results WHERE id = ?").param(id).query(MonitorStore::mapResult).optional();
    }

    /** A monitor's results, newest first, a page at {@code offset}. */
    public List<Result> resultPage(long monitorId, int offset, int limit) {
        return db.sql("SELECT * FROM monitor_results WHERE monitor_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")
                .params(monitorId, limit, offset).query(MonitorStore::mapResult).list();
    }

    /**
     * A monitor's failing runs since {@code from} by UTC day (days since the epoch): failed, missed and
     * timed-out check-ins, and firing or erroring check results (the uptime bars).
     */
    public java.util.Map<Long, Long> failuresByDay(long monitorId, Instant from) {
        java.util.Map<Long, Long> days = new java.util.TreeMap<>();
        db.sql("""
                SELECT received_at / 86400000 AS day, COUNT(*) AS n FROM check_ins WHERE monitor_id = ? AND received_at >= ?
                AND status IN ('error', 'missed', 'timeout') GROUP BY received_at / 86400000
                UNION ALL SELECT at / 86400000 AS day, COUNT(*) AS n FROM monitor_results WHERE monitor_id = ? AND at >= ?
                AND outcome IN ('firing', 'error') GROUP BY at / 86400000""")
                .params(monitorId, from.toEpochMilli(), monitorId, from.toEpochMilli())
                .query((rs, n) -> {
                    days.merge(rs.getLong("day"), rs.getLong("n"), Long::sum);
                    return null;
                }).list();
        return days;
    }

    /** A monitor's results in [from, to), oldest first, at most {@code limit}. */
    public List<Result> results(long monitorId, Instant from, Instant to, int limit) {
        return db.sql("SELECT * FROM monitor_results WHERE monitor_id = ? AND at >= ? AND at < ? ORDER BY at, id LIMIT ?")
                .params(monitorId, from.toEpochMilli(), to.toEpochMilli(), limit).query(MonitorStore::mapResult).list();
    }

    /** A monitor's latest results, newest first (a check that carries state from one run to the next reads it). */
    public List<Result> latestResults(long monitorId, int limit) {
        return resultPage(monitorId, 0, limit);
    }

    // --- ping keys ---

    public Optional<String> pingKey(long projectId) {
        return db.sql("SELECT ping_key FROM monitor_ping_keys WHERE project_id = ?").param(projectId).query(String.class).optional();
    }

    public void insertPingKey(long projectId, String key, Instant now) {
        db.sql("INSERT INTO monitor_ping_keys (project_id, ping_key, created_at) VALUES (?, ?, ?) ON CONFLICT (project_id) DO NOTHING")
                .params(projectId, key, now.toEpochMilli()).update();
    }

    public Optional<Long> projectOfPingKey(String key) {
        return db.sql("SELECT project_id FROM monitor_ping_keys WHERE ping_key = ?").param(key).query(Long.class).optional();
    }

    // --- retention ---

    public int deleteCheckInsBefore(Instant before, int limit) {
        return db.sql("DELETE FROM check_ins WHERE id IN (SELECT id FROM check_ins WHERE received_at < ? LIMIT ?)")
                .params(before.toEpochMilli(), limit).update();
    }

    public int deleteResultsBefore(Instant before, int limit) {
        return db.sql("DELETE FROM monitor_results WHERE id IN (SELECT id FROM monitor_results WHERE at < ? LIMIT ?)")
                .params(before.toEpochMilli(), limit).update();
    }

    static Monitor map(ResultSet rs, int n) throws SQLException {
        MonitorKind kind = MonitorKind.parse(rs.getString("kind")).orElseThrow();
        return new Monitor(rs.getLong("id"), rs.getLong("org_id"), rs.getLong("project_id"), rs.getString("slug"), rs.getString("name"),
                kind, MonitorConfigJson.read(rs.getString("config")), MonitorState.parse(rs.getString("state")).orElseThrow(),
                Rows.instant(rs, "state_since"), rs.getString("state_reason"), rs.getBoolean("muted"), rs.getString("severity"),
                Rows.longValue(rs, "service_id"), rs.getBoolean("create_issue"), rs.getString("ping_uuid"), Rows.instant(rs, "next_due_at"),
                rs.getInt("fail_streak"), rs.getInt("ok_streak"), Rows.instant(rs, "last_checkin_at"), Rows.doubleValue(rs, "last_value"),
                rs.getString("last_said"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }

    private static CheckIn mapCheckIn(ResultSet rs, int n) throws SQLException {
        return new CheckIn(rs.getLong("id"), rs.getLong("monitor_id"), rs.getString("check_in_id"), rs.getString("status"),
                Rows.instant(rs, "received_at"), Rows.instant(rs, "finished_at"), Rows.doubleValue(rs, "duration"), Rows.integer(rs, "exit_code"),
                rs.getString("output"), rs.getString("source"), rs.getString("environment"), rs.getString("release"));
    }

    private static Result mapResult(ResultSet rs, int n) throws SQLException {
        return new Result(rs.getLong("id"), rs.getLong("monitor_id"), Rows.instant(rs, "at"), rs.getString("outcome"),
                Rows.doubleValue(rs, "value"), Rows.longValue(rs, "records"), Rows.longValue(rs, "duration_ms"), rs.getString("detail"));
    }
}
