-- The issue workflow seen from people: what happened to an issue (status changes, assignments,
-- merges) and each person's own view of it (seen, bookmarked, subscribed).

CREATE TABLE issue_activity (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id    BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,
    user_id     BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    data        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX issue_activity_issue ON issue_activity (issue_id, id);

CREATE TABLE issue_user_state (
    issue_id    BIGINT  NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at     BIGINT,
    bookmarked  BOOLEAN NOT NULL DEFAULT FALSE,
    subscribed  BOOLEAN,
    PRIMARY KEY (issue_id, user_id)
);

CREATE INDEX issue_tags_key_value ON issue_tags (key, value);
-- the engine looks at ignored issues only (snooze expiry, escalation)
CREATE INDEX issues_ignored ON issues (id) WHERE status = 'ignored';
