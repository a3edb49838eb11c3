-- Events, the issues they group into, and what the digest keeps per issue.
-- Written by the digester in one transaction per batch (see digest/).

CREATE TABLE project_counters (
    project_id         BIGINT  PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    next_issue_number  BIGINT  NOT NULL
);

CREATE TABLE issues (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id         BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    short_number       BIGINT  NOT NULL,
    type               TEXT    NOT NULL,
    title              TEXT    NOT NULL,
    culprit            TEXT,
    level              TEXT    NOT NULL,
    platform           TEXT,
    metadata           TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    substatus          TEXT,
    status_details     TEXT,
    resolved_at        BIGINT,
    assignee_user_id   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    assignee_team_id   BIGINT  REFERENCES teams (id) ON DELETE SET NULL,
    first_seen         BIGINT  NOT NULL,
    last_seen          BIGINT  NOT NULL,
    times_seen         BIGINT  NOT NULL,
    user_count         BIGINT  NOT NULL,
    first_release      TEXT,
    last_release       TEXT,
    grouping_strategy  TEXT    NOT NULL,
    created_at         BIGINT  NOT NULL,
    UNIQUE (project_id, short_number)
);
CREATE INDEX issues_project_status_last_seen ON issues (project_id, status, last_seen);
CREATE INDEX issues_project_last_seen ON issues (project_id, last_seen);

-- Every hash an issue owns, under the strategy that made it; merging moves hashes.
CREATE TABLE issue_hashes (
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    hash        TEXT    NOT NULL,
    issue_id    BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    strategy    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (project_id, hash)
);
CREATE INDEX issue_hashes_issue ON issue_hashes (issue_id);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id   BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    issue_id     BIGINT  REFERENCES issues (id) ON DELETE CASCADE,
    event_id     TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    occurred_at  BIGINT  NOT NULL,
    received_at  BIGINT  NOT NULL,
    level        TEXT,
    release      TEXT,
    environment  TEXT,
    user_key     TEXT,
    title        TEXT,
    payload      BLOB    NOT NULL,
    UNIQUE (project_id, event_id)
);
CREATE INDEX events_issue_occurred ON events (issue_id, occurred_at);
CREATE INDEX events_project_received ON events (project_id, received_at);

CREATE TABLE issue_users (
    issue_id  BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    user_key  TEXT    NOT NULL,
    PRIMARY KEY (issue_id, user_key)
);

CREATE TABLE issue_tags (
    issue_id    BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    times_seen  BIGINT  NOT NULL,
    first_seen  BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL,
    PRIMARY KEY (issue_id, key, value)
);

-- Hourly event counts per issue (daily counts are sums of these).
CREATE TABLE issue_hourly (
    issue_id  BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    hour      BIGINT  NOT NULL,
    events    BIGINT  NOT NULL,
    PRIMARY KEY (issue_id, hour)
);

CREATE TABLE environments (
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    first_seen  BIGINT  NOT NULL,
    PRIMARY KEY (project_id, name)
);

CREATE TABLE releases (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    version        TEXT    NOT NULL,
    ref            TEXT,
    url            TEXT,
    created_at     BIGINT  NOT NULL,
    date_started   BIGINT,
    date_released  BIGINT,
    first_event    BIGINT,
    last_event     BIGINT,
    UNIQUE (org_id, version)
);

CREATE TABLE release_projects (
    release_id  BIGINT  NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    new_issues  BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (release_id, project_id)
);
CREATE INDEX release_projects_project ON release_projects (project_id);

-- Signals (new issue, regression, ...) written in the digest's transaction; alerting reads them after commit.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    topic         TEXT    NOT NULL,
    project_id    BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    issue_id      BIGINT  REFERENCES issues (id) ON DELETE CASCADE,
    payload       TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    processed_at  BIGINT
);
CREATE INDEX outbox_pending ON outbox (processed_at, id);
