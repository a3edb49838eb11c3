-- The bugmaster (triage) rotation (oncall/triage): a team marks one schedule as its weekly triage
-- duty; new issues of the team's projects that no ownership rule owns go to whoever is on it.
-- A deleted schedule leaves the row pointing at nothing: it then counts as no rotation.
CREATE TABLE team_triage_rotations (
    team_id      BIGINT NOT NULL PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    schedule_id  BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX team_triage_rotations_schedule ON team_triage_rotations (schedule_id);

-- Handoff notices (oncall/notices): one row per shift the incoming person was told about, so a
-- notice goes once per schedule, person and shift start, on every node.
CREATE TABLE oncall_handoff_notices (
    schedule_id  BIGINT NOT NULL,
    user_id      BIGINT NOT NULL,
    shift_start  BIGINT NOT NULL,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sent_at      BIGINT NOT NULL,
    PRIMARY KEY (schedule_id, user_id, shift_start)
);
CREATE INDEX oncall_handoff_notices_sent ON oncall_handoff_notices (sent_at);

-- Gap warnings (oncall/notices): the gaps (nobody on call) a schedule's team was warned about. A
-- gap seen again, or one that started inside a warned gap, is the same gap: its end is extended.
CREATE TABLE oncall_gap_warnings (
    schedule_id  BIGINT NOT NULL,
    gap_start    BIGINT NOT NULL,
    gap_end      BIGINT NOT NULL,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    warned_at    BIGINT NOT NULL,
    PRIMARY KEY (schedule_id, gap_start)
);
CREATE INDEX oncall_gap_warnings_end ON oncall_gap_warnings (gap_end);
