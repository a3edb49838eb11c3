-- Notification channels of an organization (notify/): where messages go. The whole per-kind
-- configuration (webhook URLs carry tokens; webhook secrets; PagerDuty routing keys) is stored
-- encrypted with AES-GCM (notify/SecretBox), never in clear. Times are epoch milliseconds.
CREATE TABLE notification_channels (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id           BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    config           TEXT    NOT NULL,
    enabled          BOOLEAN NOT NULL DEFAULT TRUE,
    disabled_reason  TEXT,
    created_at       BIGINT  NOT NULL,
    UNIQUE (org_id, name)
);

-- Every attempt to deliver one notification to one channel (the test button's too). The
-- delivery worker fills it; a receiver sees the idempotency key (webhook-id, PagerDuty dedup).
CREATE TABLE notification_deliveries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id       BIGINT  NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    idempotency_key  TEXT    NOT NULL,
    attempt          INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    http_status      INTEGER,
    error            TEXT,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, id);
CREATE INDEX notification_deliveries_key ON notification_deliveries (idempotency_key);

-- The generated encryption key, when BUGMASTER_SECRET_KEY is unset and the database is
-- PostgreSQL (several nodes must share it). SQLite keeps it in the data dir instead.
CREATE TABLE secret_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    key_base64  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
