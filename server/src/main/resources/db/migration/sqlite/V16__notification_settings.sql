-- Personal email notification settings (notify/settings/): each user's defaults, and per-project
-- overrides (a NULL column keeps the default). Values: issue_alerts and workflow are
-- 'always' | 'subscribed' | 'never' (workflow: 'subscribed' | 'never'); see docs/notifications.md.
CREATE TABLE user_notification_defaults (
    user_id        BIGINT  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    issue_alerts   TEXT    NOT NULL,
    workflow       TEXT    NOT NULL,
    weekly_report  BOOLEAN NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE user_project_notification_settings (
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id    BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    issue_alerts  TEXT,
    workflow      TEXT,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, project_id)
);
CREATE INDEX user_project_notification_settings_project ON user_project_notification_settings (project_id);

-- The weekly report (alerting/WeeklyReportModule): the last ISO week (e.g. '2026-W47') a team's report was sent for.
CREATE TABLE weekly_reports_sent (
    team_id    BIGINT NOT NULL PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    last_week  TEXT   NOT NULL,
    sent_at    BIGINT NOT NULL
);
