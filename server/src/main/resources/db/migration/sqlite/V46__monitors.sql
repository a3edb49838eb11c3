-- Monitors (issue 13): cron jobs and heartbeats that check in, and checks Bugmaster runs itself
-- (an SQL query on a team's replica, a PromQL query, the volume of a project's events). Each
-- belongs to a project (alert rules scope it like the project's issues) and raises monitor.*
-- signals when its state changes.

-- kind: cron | sql | metric | volume. config: the kind's settings as JSON (MonitorConfig).
-- state: new | up | late | down | paused; state_reason says why it is late or down
-- (missed | timeout | error | condition | query_error). next_due_at: for a cron monitor the next
-- expected check-in, for a check the next run. fail_streak / ok_streak count consecutive failing and
-- healthy results against the failure and recovery thresholds. claimed_at: a check run handed to a
-- worker thread (null when idle), so two nodes never run one check twice.
CREATE TABLE monitors (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    project_id      BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    config          TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    state_since     BIGINT  NOT NULL,
    state_reason    TEXT,
    muted           BOOLEAN NOT NULL DEFAULT FALSE,
    severity        TEXT    NOT NULL,
    service_id      BIGINT  REFERENCES services (id) ON DELETE SET NULL,
    create_issue    BOOLEAN NOT NULL DEFAULT FALSE,
    ping_uuid       TEXT    NOT NULL UNIQUE,
    next_due_at     BIGINT,
    fail_streak     INTEGER NOT NULL DEFAULT 0,
    ok_streak       INTEGER NOT NULL DEFAULT 0,
    last_checkin_at BIGINT,
    last_value      DOUBLE PRECISION,
    last_said       TEXT,
    claimed_at      BIGINT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    UNIQUE (org_id, slug)
);
CREATE INDEX monitors_due ON monitors (next_due_at);
CREATE INDEX monitors_project ON monitors (project_id);

-- check_ins (kept by ingest since V5) now belong to monitors: one row per run of a job. Sentry's
-- check-ins keep their check_in_id; a ping gets one. status: in_progress | ok | error, and the
-- outcomes Bugmaster writes itself: missed | timeout. received_at: when the run started (or its
-- only report), finished_at: when it ended. exit_code and output (first 10 KB) come from pings.
-- source: sentry | http | ping. Rows from before V46 have no monitor until one with their slug exists.
ALTER TABLE check_ins ADD COLUMN monitor_id BIGINT REFERENCES monitors (id) ON DELETE CASCADE;
ALTER TABLE check_ins ADD COLUMN finished_at BIGINT;
ALTER TABLE check_ins ADD COLUMN exit_code INTEGER;
ALTER TABLE check_ins ADD COLUMN output TEXT;
ALTER TABLE check_ins ADD COLUMN source TEXT;
CREATE INDEX check_ins_monitor_time ON check_ins (monitor_id, received_at);

-- One run of a check (sql, metric, volume): ok, firing (the condition holds) or error (the check
-- could not run: the query failed, the data source is gone). value: the number the condition looked
-- at (rows, first column, the metric, the event count), charted over time. detail: JSON (columns and
-- the first rows, the error, the volume's usual range).
CREATE TABLE monitor_results (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT  NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    at          BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL,
    value       DOUBLE PRECISION,
    records     BIGINT,
    duration_ms BIGINT,
    detail      TEXT
);
CREATE INDEX monitor_results_time ON monitor_results (monitor_id, at);

-- Every change of a monitor's state, kept for the uptime bars and the monitor's history.
CREATE TABLE monitor_flips (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    at          BIGINT NOT NULL,
    from_state  TEXT   NOT NULL,
    to_state    TEXT   NOT NULL,
    reason      TEXT
);
CREATE INDEX monitor_flips_time ON monitor_flips (monitor_id, at);

-- A project's ping key (healthchecks.io's /ping/<ping-key>/<slug>).
CREATE TABLE monitor_ping_keys (
    project_id  BIGINT NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    ping_key    TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

-- A read-only connection to a team's own database (postgresql, mysql, sqlite file) or a
-- Prometheus-compatible HTTP API (prometheus), used by SQL and metric monitors. secret: the
-- password or bearer token, encrypted (SecretBox, bound to the organization and the source).
CREATE TABLE data_sources (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name        TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    url         TEXT   NOT NULL,
    username    TEXT,
    secret      TEXT,
    checked_at  BIGINT,
    check_error TEXT,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
