-- The delivery worker (notify/DeliveryModule).
-- 1. Attempts to email one person (no channel) are recorded too: channel_id becomes optional and
--    an attempt names either a channel or an email address. SQLite cannot drop NOT NULL, so the
--    table is rebuilt (nothing references it).
CREATE TABLE notification_deliveries_v14 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id       BIGINT  REFERENCES notification_channels (id) ON DELETE CASCADE,
    email            TEXT,
    idempotency_key  TEXT    NOT NULL,
    attempt          INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    http_status      INTEGER,
    error            TEXT,
    created_at       BIGINT  NOT NULL,
    CHECK ((channel_id IS NULL) <> (email IS NULL))
);
INSERT INTO notification_deliveries_v14 (id, channel_id, idempotency_key, attempt, status, http_status, error, created_at)
    SELECT id, channel_id, idempotency_key, attempt, status, http_status, error, created_at FROM notification_deliveries;
DROP TABLE notification_deliveries;
ALTER TABLE notification_deliveries_v14 RENAME TO notification_deliveries;
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, id);
CREATE INDEX notification_deliveries_key ON notification_deliveries (idempotency_key);

-- 2. Claiming: a worker sets claimed_until (a lease) with a conditional update before sending, so
--    two nodes never send the same row; a crashed worker's lease runs out and the row is retried.
-- 3. Storms: a row folded into a digest is 'digested' and names the digest's idempotency key in
--    folded_into; the digest row itself carries the minute it sums up in digest_window.
ALTER TABLE notification_queue ADD COLUMN claimed_until BIGINT;
ALTER TABLE notification_queue ADD COLUMN folded_into TEXT;
ALTER TABLE notification_queue ADD COLUMN digest_window BIGINT;
CREATE INDEX notification_queue_folded ON notification_queue (folded_into);

-- 4. Permanent failures in a row per channel; at BUGMASTER_NOTIFY_DISABLE_AFTER the channel is turned off.
ALTER TABLE notification_channels ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;

-- 5. Issue alerts sent to a channel per minute (storm detection).
CREATE TABLE notification_storm_windows (
    channel_id    BIGINT  NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    window_start  BIGINT  NOT NULL,
    sent          INTEGER NOT NULL,
    PRIMARY KEY (channel_id, window_start)
);
