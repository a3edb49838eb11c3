-- An invitation is a pending row of org_members: no user yet, the invited address, the hashed
-- token of its link, when the link stops working and who sent it. Accepting it sets user_id and
-- clears the rest, so the member keeps its id (as in Sentry). Until then the invitee belongs to
-- no organization: an invitation is not a membership.
--
-- Before, an invitation created a password-less user and a membership at once, and whoever
-- opened any link for that user set the password: those users become invitations again here.
--
-- SQLite cannot drop NOT NULL from a column, so org_members is rebuilt; team_members, the one
-- table that references it, is set aside and restored around the rebuild.

CREATE TABLE team_members_v19 AS SELECT team_id, member_id FROM team_members;
DROP TABLE team_members;

CREATE TABLE org_members_v19 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    email       TEXT,
    token_hash  TEXT    UNIQUE,
    expires_at  BIGINT,
    invited_by  BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    UNIQUE (org_id, user_id),
    UNIQUE (org_id, email),
    CHECK ((user_id IS NULL) = (email IS NOT NULL) AND (user_id IS NOT NULL OR expires_at IS NOT NULL))
);

INSERT INTO org_members_v19 (id, org_id, user_id, role, created_at, email, token_hash, expires_at)
SELECT m.id, m.org_id, m.user_id, m.role, m.created_at, NULL, NULL, NULL
FROM org_members m JOIN users u ON u.id = m.user_id
WHERE u.password_hash IS NOT NULL;

-- A pending member keeps the link it had; one without a usable link (token_hash NULL) shows as expired.
INSERT INTO org_members_v19 (id, org_id, user_id, role, created_at, email, token_hash, expires_at)
SELECT m.id, m.org_id, NULL, m.role, m.created_at, u.email,
       (SELECT l.token_hash FROM one_time_links l
                 WHERE l.purpose = 'INVITE' AND l.state = 'ACTIVE' AND l.org_id = m.org_id AND l.user_id = m.user_id
                 ORDER BY l.id DESC LIMIT 1),
       COALESCE((SELECT l.expires_at FROM one_time_links l
                 WHERE l.purpose = 'INVITE' AND l.state = 'ACTIVE' AND l.org_id = m.org_id AND l.user_id = m.user_id
                 ORDER BY l.id DESC LIMIT 1), m.created_at)
FROM org_members m JOIN users u ON u.id = m.user_id
WHERE u.password_hash IS NULL;

DROP TABLE org_members;
ALTER TABLE org_members_v19 RENAME TO org_members;
CREATE INDEX org_members_user ON org_members (user_id);
CREATE INDEX org_members_invited_by ON org_members (invited_by);

CREATE TABLE team_members (
    team_id     BIGINT  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    member_id   BIGINT  NOT NULL REFERENCES org_members (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, member_id)
);
CREATE INDEX team_members_member ON team_members (member_id);
INSERT INTO team_members (team_id, member_id) SELECT team_id, member_id FROM team_members_v19;
DROP TABLE team_members_v19;

DELETE FROM one_time_links WHERE purpose = 'INVITE';
DELETE FROM users WHERE password_hash IS NULL;
