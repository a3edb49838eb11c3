-- Notifications waiting to be delivered (notify/NotificationQueue). Alert evaluation writes a row
-- in the same transaction that consumes the signal, so nothing is lost between the two; the
-- delivery worker sends, retries and records each attempt in notification_deliveries.
-- A row goes either to a channel or to one person's email address.
CREATE TABLE notification_queue (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id           BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id       BIGINT  REFERENCES notification_channels (id) ON DELETE CASCADE,
    email            TEXT,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    notification     TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    last_error       TEXT,
    created_at       BIGINT  NOT NULL,
    CHECK ((channel_id IS NULL) <> (email IS NULL))
);
CREATE INDEX notification_queue_due ON notification_queue (state, next_attempt_at);
