-- What changed before an incident (issue 11).

-- The Sentry projects a service runs: an incident on the service looks at their deploys, releases and new or regressed issues.
CREATE TABLE service_projects (
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, project_id)
);
CREATE INDEX service_projects_project ON service_projects (project_id);

-- Changes to production posted by deploy scripts and people: deploy, feature_flag, migration, infrastructure, config.
-- links: a JSON list of {"href", "text"}; who: free text (a person or a pipeline), as the poster gave it.
CREATE TABLE changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL,
    summary      TEXT   NOT NULL,
    environment  TEXT,
    who          TEXT,
    links        TEXT   NOT NULL,
    happened_at  BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX changes_org_happened ON changes (org_id, happened_at);

CREATE TABLE change_services (
    change_id   BIGINT NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
    service_id  BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (change_id, service_id)
);
CREATE INDEX change_services_service ON change_services (service_id);

CREATE TABLE change_projects (
    change_id   BIGINT NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
    project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    PRIMARY KEY (change_id, project_id)
);
CREATE INDEX change_projects_project ON change_projects (project_id);

-- Seed 002's checklist: the latest answer to each question of an incident (each answer is also a line of its log).
CREATE TABLE incident_checklist_answers (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    question     TEXT   NOT NULL,
    answer       TEXT   NOT NULL,
    note         TEXT,
    answered_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_at  BIGINT NOT NULL,
    PRIMARY KEY (incident_id, question)
);

-- How the team decided to fix an incident (revert, rollback, restart, hotfix...), with its estimates in minutes; newest counts.
CREATE TABLE incident_fix_decisions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id       BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    strategy          TEXT    NOT NULL,
    restore_minutes   INTEGER,
    fix_minutes       INTEGER,
    note              TEXT,
    decided_by        BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    decided_at        BIGINT  NOT NULL
);
CREATE INDEX incident_fix_decisions_incident ON incident_fix_decisions (incident_id, decided_at);
