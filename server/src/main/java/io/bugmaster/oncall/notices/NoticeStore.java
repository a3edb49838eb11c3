package io.bugmaster.oncall.notices;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** oncall_handoff_notices and oncall_gap_warnings: what was sent, so each notice goes once, on any node. */
@Repository
class NoticeStore {
    private final JdbcClient db;

    NoticeStore(JdbcClient db) {
        this.db = db;
    }

    /** Claims the notice of a shift: true once per schedule, person and shift start, whichever node asks first. */
    boolean claimHandoff(long orgId, long scheduleId, long userId, Instant shiftStart, Instant now) {
        return db.sql("""
                INSERT INTO oncall_handoff_notices (schedule_id, user_id, shift_start, org_id, sent_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (schedule_id, user_id, shift_start) DO NOTHING""")
                .params(scheduleId, userId, shiftStart.toEpochMilli(), orgId, now.toEpochMilli()).update() == 1;
    }

    /** The gaps of the schedule its team was warned about that had not ended by {@code since}. */
    List<GapPlan.Warned> warnedGaps(long scheduleId, Instant since) {
        return db.sql("SELECT gap_start, gap_end FROM oncall_gap_warnings WHERE schedule_id = ? AND gap_end >= ? ORDER BY gap_start")
                .params(scheduleId, since.toEpochMilli())
                .query((rs, n) -> new GapPlan.Warned(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)))).list();
    }

    /** Claims the warning of a new gap: true once per schedule and gap start. */
    boolean claimGap(long orgId, long scheduleId, Instant start, Instant end, Instant now) {
        return db.sql("""
                INSERT INTO oncall_gap_warnings (schedule_id, gap_start, gap_end, org_id, warned_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (schedule_id, gap_start) DO NOTHING""")
                .params(scheduleId, start.toEpochMilli(), end.toEpochMilli(), orgId, now.toEpochMilli()).update() == 1;
    }

    /** A warned gap goes on longer than was known: it stays the same gap. */
    void extendGap(long scheduleId, Instant start, Instant end) {
        db.sql("UPDATE oncall_gap_warnings SET gap_end = ? WHERE schedule_id = ? AND gap_start = ? AND gap_end < ?")
                .params(end.toEpochMilli(), scheduleId, start.toEpochMilli(), end.toEpochMilli()).update();
    }

    /** Forgets notices of shifts and gaps long past. */
    void forget(Instant before) {
        db.sql("DELETE FROM oncall_handoff_notices WHERE shift_start < ?").param(before.toEpochMilli()).update();
        db.sql("DELETE FROM oncall_gap_warnings WHERE gap_end < ?").param(before.toEpochMilli()).update();
    }
}
