-- On-call: escalation policies (oncall/policies), services, integrations, alerts and incidents
-- (incidents/). Times are epoch milliseconds; durations are seconds or minutes as named.

-- An escalation policy: ordered levels ("rules", PagerDuty's word), each with the minutes before an
-- unacknowledged incident escalates away from it and its targets (users, schedules, teams' members),
-- all paged together or one in turn; the whole policy repeats num_loops more times. The levels are
-- one JSON document validated by oncall/policies/PolicyRules; target ids are checked against the
-- organization when saved and again when paged.
CREATE TABLE escalation_policies (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT,
    num_loops    INTEGER NOT NULL DEFAULT 0,
    rules        TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    UNIQUE (org_id, name)
);

-- Whose turn it is on a round-robin level: the count of incidents it has paged.
CREATE TABLE escalation_round_robin (
    policy_id  BIGINT  NOT NULL REFERENCES escalation_policies (id) ON DELETE CASCADE,
    level      INTEGER NOT NULL,
    turns      BIGINT  NOT NULL,
    PRIMARY KEY (policy_id, level)
);

-- A service: what alerts are about and who they page. A policy in use cannot be deleted.
CREATE TABLE services (
    id                         INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id                     BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name                       TEXT    NOT NULL,
    description                TEXT,
    team_id                    BIGINT  REFERENCES teams (id) ON DELETE SET NULL,
    escalation_policy_id       BIGINT  REFERENCES escalation_policies (id) ON DELETE RESTRICT,
    runbook                    TEXT,
    urgency_rule               TEXT    NOT NULL,
    support_hours              TEXT,
    ack_timeout_seconds        INTEGER,
    auto_resolve_seconds       INTEGER,
    grouping                   TEXT    NOT NULL,
    grouping_window_minutes    INTEGER,
    grouping_fields            TEXT,
    created_at                 BIGINT  NOT NULL,
    updated_at                 BIGINT  NOT NULL,
    UNIQUE (org_id, name)
);
CREATE INDEX services_policy ON services (escalation_policy_id);

-- An integration: a secret key that sends alerts to one service. Only the key's SHA-256 is kept.
CREATE TABLE integrations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    service_id  BIGINT  NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,
    key_hint    TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX integrations_service ON integrations (service_id);

-- The incident number of each organization, taken with one atomic upsert.
CREATE TABLE incident_counters (
    org_id       BIGINT NOT NULL PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    last_number  BIGINT NOT NULL
);

-- An incident. The escalation state (level, loop, deadlines) is changed only by conditional updates
-- on `version`, so two nodes never page twice for one step.
CREATE TABLE incidents (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id               BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    number               BIGINT  NOT NULL,
    service_id           BIGINT  NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    title                TEXT    NOT NULL,
    urgency              TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    group_key            TEXT,
    escalation_level     INTEGER NOT NULL DEFAULT 0,
    escalation_loop      INTEGER NOT NULL DEFAULT 0,
    next_escalation_at   BIGINT,
    ack_timeout_at       BIGINT,
    auto_resolve_at      BIGINT,
    version              BIGINT  NOT NULL DEFAULT 0,
    last_alert_at        BIGINT  NOT NULL,
    created_at           BIGINT  NOT NULL,
    acknowledged_at      BIGINT,
    resolved_at          BIGINT,
    UNIQUE (org_id, number)
);
CREATE INDEX incidents_open ON incidents (service_id, status);
CREATE INDEX incidents_next_escalation ON incidents (next_escalation_at);
CREATE INDEX incidents_ack_timeout ON incidents (ack_timeout_at);
CREATE INDEX incidents_auto_resolve ON incidents (auto_resolve_at);

CREATE TABLE incident_assignees (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    assigned_at  BIGINT NOT NULL,
    PRIMARY KEY (incident_id, user_id)
);

-- Everything that happened to an incident: pages (who, how), acknowledgements, escalations, re-triggers, resolves.
CREATE TABLE incident_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at           BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,
    user_id      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    actor        TEXT,
    via          TEXT,
    message      TEXT    NOT NULL
);
CREATE INDEX incident_log_incident ON incident_log (incident_id, id);

-- An alert: one deduplicated problem. `scope` is where its dedup key is unique ("integration:5", or
-- "service:3" for Bugmaster's own alert rules); among alerts not resolved, a key is there once.
CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id           BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    service_id       BIGINT  NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    integration_id   BIGINT  REFERENCES integrations (id) ON DELETE SET NULL,
    scope            TEXT    NOT NULL,
    dedup_key        TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    source           TEXT,
    severity         TEXT    NOT NULL,
    details          TEXT    NOT NULL,
    incident_id      BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    acknowledged_at  BIGINT,
    resolved_at      BIGINT
);
CREATE UNIQUE INDEX alerts_open_dedup ON alerts (scope, dedup_key) WHERE status <> 'resolved';
CREATE INDEX alerts_incident ON alerts (incident_id);

-- Change events (PagerDuty /v2/change/enqueue): shown on incidents, never notify.
CREATE TABLE change_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    service_id      BIGINT  NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    integration_id  BIGINT  REFERENCES integrations (id) ON DELETE SET NULL,
    summary         TEXT    NOT NULL,
    source          TEXT,
    happened_at     BIGINT  NOT NULL,
    details         TEXT    NOT NULL,
    links           TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX change_events_service ON change_events (service_id, happened_at);

-- Uses of incident action links (one-click acknowledge/resolve): a token acts once.
CREATE TABLE incident_link_uses (
    token_id     TEXT    NOT NULL PRIMARY KEY,
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    used_at      BIGINT  NOT NULL,
    expires_at   BIGINT  NOT NULL
);
CREATE INDEX incident_link_uses_expiry ON incident_link_uses (expires_at);
