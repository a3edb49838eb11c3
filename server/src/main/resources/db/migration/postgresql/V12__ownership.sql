-- Ownership rules per project (Sentry's syntax, stored as written), whether events that match no
-- rule go to everyone (fallthrough), the auto-assignment mode ('off' or 'assign to issue owner'),
-- the last imported CODEOWNERS file, and when it was created and changed (epoch milliseconds).

CREATE TABLE project_ownership (
    project_id       BIGINT  NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    raw              TEXT    NOT NULL DEFAULT '',
    fallthrough      BOOLEAN NOT NULL DEFAULT TRUE,
    auto_assignment  TEXT    NOT NULL DEFAULT 'off',
    codeowners       TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
