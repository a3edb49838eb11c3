-- Postmortems (incidents/postmortems): the write-up of an incident, one per incident, in Markdown.
-- state: draft, in_review, published. version grows with every save: a save names the version it
-- edited, so a stale one is refused instead of overwriting someone's edit.
CREATE TABLE postmortems (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    incident_id   BIGINT  NOT NULL UNIQUE REFERENCES incidents (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    version       BIGINT  NOT NULL,
    created_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT  NOT NULL,
    updated_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    updated_at    BIGINT  NOT NULL,
    published_at  BIGINT
);
CREATE INDEX postmortems_org_state ON postmortems (org_id, state, published_at);

-- Comments on a postmortem while it is reviewed.
CREATE TABLE postmortem_comments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    postmortem_id  BIGINT  NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
    user_id        BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    body           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX postmortem_comments_postmortem ON postmortem_comments (postmortem_id, id);

-- Preventative actions of an incident: an owner (a member), a due date (a day), open or done, and
-- a link to the ticket that tracks it elsewhere. last_reminded_at: the overdue reminder's claim.
CREATE TABLE incident_action_items (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id            BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    incident_id       BIGINT  NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    title             TEXT    NOT NULL,
    owner_user_id     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    due_date          TEXT,
    status            TEXT    NOT NULL,
    external_url      TEXT,
    created_by        BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at        BIGINT  NOT NULL,
    done_at           BIGINT,
    last_reminded_at  BIGINT
);
CREATE INDEX incident_action_items_incident ON incident_action_items (incident_id, id);
CREATE INDEX incident_action_items_open ON incident_action_items (org_id, status, due_date);
CREATE INDEX incident_action_items_due ON incident_action_items (status, due_date);
