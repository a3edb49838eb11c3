-- Saved searches of the issue stream, as in Sentry: a query and a sort under a name, either a
-- person's own (owner_user_id set) or shared with the whole organization (owner_user_id NULL).
-- A name is unique among one person's searches, and among the organization's shared ones.

CREATE TABLE saved_searches (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_user_id  BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    query          TEXT    NOT NULL,
    sort           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX saved_searches_owner_name ON saved_searches (org_id, owner_user_id, name) WHERE owner_user_id IS NOT NULL;
CREATE UNIQUE INDEX saved_searches_org_name ON saved_searches (org_id, name) WHERE owner_user_id IS NULL;
