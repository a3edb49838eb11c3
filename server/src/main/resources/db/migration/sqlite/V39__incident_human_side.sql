-- Incidents for people (issue 11): the same incidents the on-call engine pages about, with what
-- humans add: a priority (1 = P1, null until someone sets one), a stage (investigating, identified,
-- monitoring, resolved; the paging status stays underneath), a first description and who declared it.
ALTER TABLE incidents ADD COLUMN priority INTEGER;
ALTER TABLE incidents ADD COLUMN stage TEXT NOT NULL DEFAULT 'investigating';
ALTER TABLE incidents ADD COLUMN description TEXT;
ALTER TABLE incidents ADD COLUMN declared_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
UPDATE incidents SET stage = 'resolved' WHERE status = 'resolved';

-- The services an incident impairs; its own service (the one whose policy pages) is always one of them.
CREATE TABLE incident_services (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    service_id   BIGINT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX incident_services_service ON incident_services (service_id);
INSERT INTO incident_services (incident_id, service_id) SELECT id, service_id FROM incidents;

-- Error issues linked to an incident ("Declare incident" on an issue links it; people link more).
CREATE TABLE incident_issues (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    issue_id     BIGINT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    linked_at    BIGINT NOT NULL,
    linked_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (incident_id, issue_id)
);
CREATE INDEX incident_issues_issue ON incident_issues (issue_id);

-- An organization's own priorities (P1-P5 by default when it has no rows): label, what it means,
-- and how long an open incident of that priority may go without a status update before a reminder.
CREATE TABLE incident_priorities (
    org_id                   BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    level                    INTEGER NOT NULL,
    label                    TEXT    NOT NULL,
    description              TEXT    NOT NULL,
    update_reminder_minutes  INTEGER,
    PRIMARY KEY (org_id, level)
);

-- Every stage an incident entered and when (the time in each stage is measured from these rows).
CREATE TABLE incident_stage_changes (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at           BIGINT NOT NULL,
    stage        TEXT   NOT NULL,
    user_id      BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX incident_stage_changes_incident ON incident_stage_changes (incident_id, at);
INSERT INTO incident_stage_changes (incident_id, at, stage) SELECT id, created_at, 'investigating' FROM incidents;
INSERT INTO incident_stage_changes (incident_id, at, stage) SELECT id, resolved_at, 'resolved' FROM incidents WHERE resolved_at IS NOT NULL;
