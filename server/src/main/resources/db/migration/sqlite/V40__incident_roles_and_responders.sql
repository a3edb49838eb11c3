-- Incident roles (issue 11): an organization's named duties on an incident (incident manager, global
-- on-call, escalated squad member by default, made when the organization first needs them), who
-- holds each on an incident and since when, and the people asked to respond ("add responders").

-- A role definition. A deleted role keeps its row (deleted_at) so past assignments still name it;
-- its slug is free again for a new role.
CREATE TABLE incident_roles (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id       BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    created_at   BIGINT  NOT NULL,
    deleted_at   BIGINT
);
CREATE UNIQUE INDEX incident_roles_slug ON incident_roles (org_id, slug) WHERE deleted_at IS NULL;

-- Who holds a role on an incident: one holder per role at a time (the open row); assigning another
-- person ends the open row, so the ended rows are the past holders.
CREATE TABLE incident_role_assignments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    role_id      BIGINT  NOT NULL REFERENCES incident_roles (id) ON DELETE CASCADE,
    user_id      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    assigned_at  BIGINT  NOT NULL,
    assigned_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    ended_at     BIGINT,
    ended_by     BIGINT  REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX incident_role_assignments_holder ON incident_role_assignments (incident_id, role_id) WHERE ended_at IS NULL;
CREATE INDEX incident_role_assignments_incident ON incident_role_assignments (incident_id, assigned_at);

-- A person asked to respond to an incident, through a person, a service's or an escalation
-- policy's level 1 (in words). Whether they answered is read from the incident's timeline.
CREATE TABLE incident_responders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id   BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    user_id       BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    requested_by  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    requested_at  BIGINT  NOT NULL,
    through       TEXT    NOT NULL,
    message       TEXT
);
CREATE INDEX incident_responders_incident ON incident_responders (incident_id, requested_at);
