-- Retention (notify/NotificationRetentionModule): finished notifications and delivery attempts
-- older than BUGMASTER_NOTIFY_RETENTION are deleted by age, in batches.
CREATE INDEX notification_queue_created ON notification_queue (created_at);
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at);

-- The tags each project chose to show in alert messages (alerting/AlertTags), in display order,
-- comma-separated. No row: the default (environment, release, level, browser, os, url).
CREATE TABLE alert_project_tags (
    project_id  BIGINT  PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    tag_keys    TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
