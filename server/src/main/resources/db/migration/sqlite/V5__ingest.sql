-- What ingestion keeps besides events: per-project limits and scrubbing, attachments, user
-- feedback, release health (sessions), outcomes (dropped and discarded counts) and check-ins.

ALTER TABLE projects ADD COLUMN quota_per_minute INTEGER;
ALTER TABLE projects ADD COLUMN quota_per_hour INTEGER;
ALTER TABLE projects ADD COLUMN quota_per_month INTEGER;
ALTER TABLE projects ADD COLUMN scrub_data BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE projects ADD COLUMN scrub_fields TEXT;
ALTER TABLE projects ADD COLUMN safe_fields TEXT;
ALTER TABLE projects ADD COLUMN fingerprint_rules TEXT;

CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id       BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    event_id         TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    content_type     TEXT,
    attachment_type  TEXT,
    size             BIGINT  NOT NULL,
    data             BLOB    NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX attachments_event ON attachments (project_id, event_id);

CREATE TABLE user_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    event_id    TEXT,
    name        TEXT,
    email       TEXT,
    comments    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX user_reports_event ON user_reports (project_id, event_id);

-- Release health: session outcomes per release, environment and hour.
CREATE TABLE session_counts (
    project_id   BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    release      TEXT    NOT NULL,
    environment  TEXT    NOT NULL,
    hour         BIGINT  NOT NULL,
    started      BIGINT  NOT NULL,
    errored      BIGINT  NOT NULL,
    crashed      BIGINT  NOT NULL,
    abnormal     BIGINT  NOT NULL,
    PRIMARY KEY (project_id, release, environment, hour)
);

-- What did not become an event, and why: discarded by the SDK (client reports), rate limited,
-- over quota, invalid, or an item type Bugmaster does not keep.
CREATE TABLE outcomes (
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    hour        BIGINT  NOT NULL,
    outcome     TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    quantity    BIGINT  NOT NULL,
    PRIMARY KEY (project_id, hour, outcome, category, reason)
);

CREATE TABLE check_ins (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id    BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    monitor_slug  TEXT    NOT NULL,
    check_in_id   TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    duration      DOUBLE PRECISION,
    release       TEXT,
    environment   TEXT,
    payload       TEXT    NOT NULL,
    received_at   BIGINT  NOT NULL
);
CREATE INDEX check_ins_monitor ON check_ins (project_id, monitor_slug, received_at);
