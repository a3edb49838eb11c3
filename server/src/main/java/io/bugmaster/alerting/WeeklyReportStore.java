package io.bugmaster.alerting;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** weekly_reports_sent: the last ISO week each team's report was sent for. */
@Repository
class WeeklyReportStore {
    private final JdbcClient db;

    WeeklyReportStore(JdbcClient db) {
        this.db = db;
    }

    /** Claims a team's report for a week: true once per team and week, whichever node asks first. */
    boolean claim(long teamId, String week, Instant now) {
        return db.sql("""
                INSERT INTO weekly_reports_sent (team_id, last_week, sent_at) VALUES (?, ?, ?)
                ON CONFLICT (team_id) DO UPDATE SET last_week = excluded.last_week, sent_at = excluded.sent_at
                WHERE weekly_reports_sent.last_week <> excluded.last_week""")
                .params(teamId, week, now.toEpochMilli()).update() == 1;
    }
}
