-- Accounts: organizations, users, memberships, teams, projects, keys, API tokens, one-time links.
-- Times are epoch milliseconds (BIGINT) taken from the application's clock, on both databases.

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    password_hash  TEXT,
    is_superuser   BOOLEAN NOT NULL DEFAULT FALSE,
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     BIGINT  NOT NULL,
    last_login_at  BIGINT
);

CREATE TABLE org_members (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (org_id, user_id)
);
CREATE INDEX org_members_user ON org_members (user_id);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (org_id, slug)
);

CREATE TABLE team_members (
    team_id     BIGINT  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    member_id   BIGINT  NOT NULL REFERENCES org_members (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, member_id)
);
CREATE INDEX team_members_member ON team_members (member_id);

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    platform    TEXT,
    created_at  BIGINT  NOT NULL,
    UNIQUE (org_id, slug)
);

CREATE TABLE project_teams (
    project_id  BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    team_id     BIGINT  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, team_id)
);
CREATE INDEX project_teams_team ON project_teams (team_id);

CREATE TABLE project_keys (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id         BIGINT  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    label              TEXT    NOT NULL,
    public_key         TEXT    NOT NULL UNIQUE,
    is_active          BOOLEAN NOT NULL DEFAULT TRUE,
    rate_limit_count   INTEGER,
    rate_limit_window  INTEGER,
    created_at         BIGINT  NOT NULL
);
CREATE INDEX project_keys_project ON project_keys (project_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    token_hash    TEXT    NOT NULL UNIQUE,
    token_hint    TEXT    NOT NULL,
    scopes        TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    expires_at    BIGINT,
    last_used_at  BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Setup links, invitations and password resets: the token is shown once and stored hashed.
CREATE TABLE one_time_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose     TEXT    NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,
    org_id      BIGINT  REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     BIGINT  REFERENCES users (id) ON DELETE CASCADE,
    email       TEXT,
    role        TEXT,
    state       TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX one_time_links_state ON one_time_links (state, expires_at);
