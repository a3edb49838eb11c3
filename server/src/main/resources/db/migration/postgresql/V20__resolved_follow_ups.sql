-- Resolved follow-ups (notify/): when an issue is resolved, the channels that were sent an alert
-- about it get a resolve (PagerDuty Events v2 `resolve` with the same dedup_key, `issue.resolved`
-- to webhooks, a "Resolved" message to chats and email channels).
-- 1. What a queued notification is about (`issue/42`), on rows to a channel: messages about one
--    subject reach a channel in the order they were queued, so a resolve is never sent before the
--    trigger it closes, nor a new trigger before an older resolve. NULL (digests, emails): no order.
--    Rows still pending from before this version get theirs from the stored notification.
ALTER TABLE notification_queue ADD COLUMN subject_key TEXT;
CREATE INDEX notification_queue_subject ON notification_queue (channel_id, subject_key, id);
UPDATE notification_queue SET subject_key = (notification::json ->> 'subjectKey')
    WHERE channel_id IS NOT NULL AND digest_window IS NULL AND state = 'pending';

-- 2. Which channels were sent an issue alert about a subject that no resolve has followed yet:
--    written when the alert is delivered, removed when the resolve is; a resolve goes only there.
CREATE TABLE notification_open_alerts (
    channel_id   BIGINT  NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    subject_key  TEXT    NOT NULL,
    opened_at    BIGINT  NOT NULL,
    PRIMARY KEY (channel_id, subject_key)
);
CREATE INDEX notification_open_alerts_subject ON notification_open_alerts (subject_key);

-- Alerts delivered before this version were never followed by a resolve: those still in the
-- queue's history (BUGMASTER_NOTIFY_RETENTION) are open, so resolving their issue resolves them.
INSERT INTO notification_open_alerts (channel_id, subject_key, opened_at)
    SELECT channel_id, (notification::json ->> 'subjectKey'), MAX(created_at) FROM notification_queue
    WHERE channel_id IS NOT NULL AND digest_window IS NULL AND state = 'delivered' AND (notification::json ->> 'kind') = 'issue_alert'
    GROUP BY channel_id, (notification::json ->> 'subjectKey');
