-- People and paging (oncall/people, oncall/paging, notify/sms).
-- Contact methods belong to a user, whatever their organizations (PagerDuty's model): one phone,
-- one ntfy topic for every organization they are paged by. config holds the method's settings,
-- encrypted (SecretBox; an ntfy token, a webhook URL); address is what people see and what an SMS
-- reply is matched by (an email address, an E.164 number, an ntfy server and topic, a webhook host).
CREATE TABLE contact_methods (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    address          TEXT    NOT NULL,
    config           TEXT    NOT NULL,
    enabled          BOOLEAN NOT NULL DEFAULT TRUE,
    last_error       TEXT,
    last_error_at    BIGINT,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX contact_methods_user ON contact_methods (user_id, id);
CREATE INDEX contact_methods_address ON contact_methods (kind, address);

-- "At once by push and email, after 5 minutes by SMS", per urgency (HIGH, LOW).
CREATE TABLE notification_rules (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    urgency            TEXT    NOT NULL,
    contact_method_id  BIGINT  NOT NULL REFERENCES contact_methods (id) ON DELETE CASCADE,
    delay_minutes      INTEGER NOT NULL,
    created_at         BIGINT  NOT NULL,
    UNIQUE (user_id, urgency, contact_method_id, delay_minutes)
);

-- A page: one person paged about a subject (incident:7) under a unique key; the notification made
-- for them is kept for the rules that are due later. stopped_at is set once the subject is handled.
CREATE TABLE pages (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id        BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject       TEXT    NOT NULL,
    page_key      TEXT    NOT NULL UNIQUE,
    urgency       TEXT    NOT NULL,
    notification  TEXT    NOT NULL,
    started_at    BIGINT  NOT NULL,
    stopped_at    BIGINT
);
CREATE INDEX pages_subject ON pages (org_id, subject);

-- The rules of a page that are due later: pending until the engine sends them (a conditional update
-- to 'sent', so two nodes never send one twice) or the page is stopped ('stopped').
CREATE TABLE page_steps (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id            BIGINT  NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    contact_method_id  BIGINT  NOT NULL REFERENCES contact_methods (id) ON DELETE CASCADE,
    delay_minutes      INTEGER NOT NULL,
    due_at             BIGINT  NOT NULL,
    state              TEXT    NOT NULL,
    UNIQUE (page_id, contact_method_id, delay_minutes)
);
CREATE INDEX page_steps_due ON page_steps (state, due_at);

-- The organization's Twilio-compatible SMS provider (notify/sms); the auth token is encrypted.
CREATE TABLE sms_providers (
    org_id        BIGINT  NOT NULL PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    base_url      TEXT    NOT NULL,
    account_sid   TEXT    NOT NULL,
    auth_token    TEXT    NOT NULL,
    from_number   TEXT    NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX sms_providers_from ON sms_providers (from_number);

-- The delivery queue and its attempts also go to one person's contact method (notify/ContactMethodDirectory):
-- a row names exactly one of a channel, an email address, a contact method. SQLite cannot change a
-- CHECK, so both tables are rebuilt (nothing references them).
CREATE TABLE notification_queue_v35 (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id             BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel_id         BIGINT  REFERENCES notification_channels (id) ON DELETE CASCADE,
    email              TEXT,
    idempotency_key    TEXT    NOT NULL UNIQUE,
    notification       TEXT    NOT NULL,
    state              TEXT    NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    BIGINT  NOT NULL,
    last_error         TEXT,
    created_at         BIGINT  NOT NULL,
    claimed_until      BIGINT,
    folded_into        TEXT,
    digest_window      BIGINT,
    subject_key        TEXT,
    contact_method_id  BIGINT  REFERENCES contact_methods (id) ON DELETE CASCADE,
    CONSTRAINT notification_queue_target
    CHECK ((CASE WHEN channel_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN email IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN contact_method_id IS NULL THEN 0 ELSE 1 END) = 1)
);
INSERT INTO notification_queue_v35 (id, org_id, channel_id, email, idempotency_key, notification, state, attempts, next_attempt_at,
        last_error, created_at, claimed_until, folded_into, digest_window, subject_key)
    SELECT id, org_id, channel_id, email, idempotency_key, notification, state, attempts, next_attempt_at,
        last_error, created_at, claimed_until, folded_into, digest_window, subject_key FROM notification_queue;
DROP TABLE notification_queue;
ALTER TABLE notification_queue_v35 RENAME TO notification_queue;
CREATE INDEX notification_queue_due ON notification_queue (state, next_attempt_at);
CREATE INDEX notification_queue_folded ON notification_queue (folded_into);
CREATE INDEX notification_queue_created ON notification_queue (created_at);
CREATE INDEX notification_queue_subject ON notification_queue (channel_id, subject_key, id);

CREATE TABLE notification_deliveries_v35 (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id         BIGINT  REFERENCES notification_channels (id) ON DELETE CASCADE,
    email              TEXT,
    idempotency_key    TEXT    NOT NULL,
    attempt            INTEGER NOT NULL,
    status             TEXT    NOT NULL,
    http_status        INTEGER,
    error              TEXT,
    created_at         BIGINT  NOT NULL,
    message_ref        TEXT,
    contact_method_id  BIGINT  REFERENCES contact_methods (id) ON DELETE CASCADE,
    CONSTRAINT notification_deliveries_target
    CHECK ((CASE WHEN channel_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN email IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN contact_method_id IS NULL THEN 0 ELSE 1 END) = 1)
);
INSERT INTO notification_deliveries_v35 (id, channel_id, email, idempotency_key, attempt, status, http_status, error, created_at, message_ref)
    SELECT id, channel_id, email, idempotency_key, attempt, status, http_status, error, created_at, message_ref FROM notification_deliveries;
DROP TABLE notification_deliveries;
ALTER TABLE notification_deliveries_v35 RENAME TO notification_deliveries;
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, id);
CREATE INDEX notification_deliveries_key ON notification_deliveries (idempotency_key);
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at);
CREATE INDEX notification_deliveries_contact_method ON notification_deliveries (contact_method_id, id);
