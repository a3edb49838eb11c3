-- Releases' commits and deploys (see releases/). A repository is created the first time a commit or
-- ref names it (sentry-cli set-commits); commits belong to a repository and may be in several releases.

CREATE TABLE repositories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    url         TEXT,
    provider    TEXT,
    created_at  BIGINT  NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE commits (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    repository_id  BIGINT  NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    key            TEXT    NOT NULL,
    message        TEXT,
    author_name    TEXT,
    author_email   TEXT,
    timestamp      BIGINT,
    created_at     BIGINT  NOT NULL,
    UNIQUE (repository_id, key)
);

CREATE TABLE commit_files (
    commit_id  BIGINT  NOT NULL REFERENCES commits (id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    PRIMARY KEY (commit_id, path)
);

-- ordering 0 is the release's newest commit (the order sentry-cli sends them in).
CREATE TABLE release_commits (
    release_id  BIGINT   NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    commit_id   BIGINT   NOT NULL REFERENCES commits (id) ON DELETE CASCADE,
    ordering    INTEGER  NOT NULL,
    PRIMARY KEY (release_id, commit_id)
);
CREATE INDEX release_commits_commit ON release_commits (commit_id);

CREATE TABLE deploys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id         BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    release_id     BIGINT  NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    environment    TEXT    NOT NULL,
    name           TEXT,
    url            TEXT,
    date_started   BIGINT,
    date_finished  BIGINT  NOT NULL,
    created_at     BIGINT  NOT NULL
);
CREATE INDEX deploys_release ON deploys (release_id, date_finished);
CREATE INDEX deploys_org_finished ON deploys (org_id, date_finished);

CREATE INDEX releases_org_created ON releases (org_id, created_at);
