package io.bugmaster.oncall.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** team_triage_rotations: the schedule each team marked as its bugmaster rotation. */
@Repository
class TriageRotationStore {
    private final JdbcClient db;

    TriageRotationStore(JdbcClient db) {
        this.db = db;
    }

    /** Marks (or replaces) the team's rotation. */
    void set(long teamId, long orgId, long scheduleId, Instant now) {
        db.sql("""
                INSERT INTO team_triage_rotations (team_id, org_id, schedule_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (team_id) DO UPDATE SET schedule_id = excluded.schedule_id, updated_at = excluded.updated_at""")
                .params(teamId, orgId, scheduleId, now.toEpochMilli()).update();
    }

    /** True when the team had a rotation. */
    boolean clear(long teamId) {
        return db.sql("DELETE FROM team_triage_rotations WHERE team_id = ?").param(teamId).update() == 1;
    }

    Optional<Long> scheduleOf(long teamId) {
        return db.sql("SELECT schedule_id FROM team_triage_rotations WHERE team_id = ?").param(teamId).query(Long.class).optional();
    }

    /** The rotations of these teams: schedule by team, in team id order. */
    Map<Long, Long> schedulesOf(Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> out = new LinkedHashMap<>();
        db.sql("SELECT team_id, schedule_id FROM team_triage_rotations WHERE team_id IN ("
                        + String.join(", ", Collections.nCopies(teamIds.size(), "?")) + ") ORDER BY team_id")
                .params(new ArrayList<Object>(teamIds)).query((rs, n) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }

    /** The teams whose rotation is this schedule. */
    List<Long> teamsOf(long orgId, long scheduleId) {
        return db.sql("SELECT team_id FROM team_triage_rotations WHERE org_id = ? AND schedule_id = ? ORDER BY team_id")
                .params(orgId, scheduleId).query(Long.class).list();
    }

    /** Every rotation: (org, team, schedule), for the handoff notices. */
    List<Rotation> all() {
        return db.sql("SELECT org_id, team_id, schedule_id FROM team_triage_rotations ORDER BY team_id")
                .query((rs, n) -> new Rotation(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    record Rotation(long orgId, long teamId, long scheduleId) {}
}
