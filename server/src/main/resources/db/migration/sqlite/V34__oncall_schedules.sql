-- On-call schedules (oncall/schedules/): who is on call when. Times are epoch milliseconds (UTC);
-- a schedule's time zone turns them into the wall-clock times its turns and restrictions follow.
-- Shifts before recorded_until are kept in schedule_shift_history and are never recomputed, so an
-- edit never rewrites the past; from recorded_until on they are computed from the definition.
CREATE TABLE schedules (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    time_zone       TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    team_id         BIGINT  REFERENCES teams (id) ON DELETE SET NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    recorded_until  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX schedules_org_name ON schedules (org_id, name);
CREATE INDEX schedules_team ON schedules (team_id);

-- Layers in order (a later layer wins where it has someone).
CREATE TABLE schedule_layers (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id             BIGINT  NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    name                    TEXT    NOT NULL,
    start_at                BIGINT  NOT NULL,
    end_at                  BIGINT,
    rotation_virtual_start  BIGINT  NOT NULL,
    turn_length_seconds     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX schedule_layers_position ON schedule_layers (schedule_id, position);

-- The people of a layer, in turn order.
CREATE TABLE schedule_layer_users (
    layer_id  BIGINT  NOT NULL REFERENCES schedule_layers (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    user_id   BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (layer_id, position)
);
CREATE INDEX schedule_layer_users_user ON schedule_layer_users (user_id);

-- Daily or weekly windows of a layer; start_second_of_day is wall-clock time, start_day_of_week 1 = Monday.
CREATE TABLE schedule_restrictions (
    layer_id             BIGINT  NOT NULL REFERENCES schedule_layers (id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    kind                 TEXT    NOT NULL,
    start_second_of_day  INTEGER NOT NULL,
    duration_seconds     BIGINT  NOT NULL,
    start_day_of_week    INTEGER,
    PRIMARY KEY (layer_id, position)
);

-- Someone covers [start_at, end_at) whoever the layers say; a later override (higher id) wins.
CREATE TABLE schedule_overrides (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id  BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    start_at     BIGINT NOT NULL,
    end_at       BIGINT NOT NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX schedule_overrides_schedule ON schedule_overrides (schedule_id, end_at);
CREATE INDEX schedule_overrides_user ON schedule_overrides (user_id);

-- Temporary schedules: for [start_at, end_at) these shifts replace every layer (Black Friday).
CREATE TABLE schedule_temporary (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id  BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    start_at     BIGINT NOT NULL,
    end_at       BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX schedule_temporary_schedule ON schedule_temporary (schedule_id, end_at);

CREATE TABLE schedule_temporary_shifts (
    temporary_id  BIGINT  NOT NULL REFERENCES schedule_temporary (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    start_at      BIGINT  NOT NULL,
    end_at        BIGINT  NOT NULL,
    PRIMARY KEY (temporary_id, position)
);
CREATE INDEX schedule_temporary_shifts_user ON schedule_temporary_shifts (user_id);

-- The final schedule as it was, up to the schedule's recorded_until.
CREATE TABLE schedule_shift_history (
    schedule_id  BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    start_at     BIGINT NOT NULL,
    end_at       BIGINT NOT NULL,
    user_id      BIGINT NOT NULL,
    PRIMARY KEY (schedule_id, start_at)
);
CREATE INDEX schedule_shift_history_user ON schedule_shift_history (user_id, end_at);

-- iCalendar feeds: a secret URL token (stored hashed) for one person's shifts or one schedule's.
CREATE TABLE calendar_feeds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    schedule_id  BIGINT REFERENCES schedules (id) ON DELETE CASCADE,
    user_id      BIGINT REFERENCES users (id) ON DELETE CASCADE,
    created_by   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token_hash);
CREATE INDEX calendar_feeds_schedule ON calendar_feeds (schedule_id);
CREATE INDEX calendar_feeds_creator ON calendar_feeds (org_id, created_by);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
