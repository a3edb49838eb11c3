-- Resolved follow-ups (notify/): when an issue is resolved, the channels that were sent an alert
-- about it get a resolve (PagerDuty Events v2 `resolve` with the same dedup_key, `issue.resolved`
-- to webhooks, a "Resolved" message to chats and email channels).
-- 1. What a queued notification is about (`issue/42`), on rows to a channel: messages about one
--    subject reach a channel in the order they were queued, so a resolve is never sent before the
--    trigger it closes, nor a new trigger before an older resolve. NULL (digests, older rows): no order.
ALTER TABLE notification_queue ADD COLUMN subject_key TEXT;
CREATE INDEX notification_queue_subject ON notification_queue (channel_id, subject_key, id);

-- 2. Which channels were sent an issue alert about a subject that no resolve has followed yet:
--    written when the alert is delivered, removed when the resolve is; a resolve goes only there.
CREATE TABLE notification_open_alerts (
    channel_id   BIGINT  NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    subject_key  TEXT    NOT NULL,
    opened_at    BIGINT  NOT NULL,
    PRIMARY KEY (channel_id, subject_key)
);
CREATE INDEX notification_open_alerts_subject ON notification_open_alerts (subject_key);
