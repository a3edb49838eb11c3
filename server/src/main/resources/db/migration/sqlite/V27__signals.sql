-- Signals (signals/): the outbox becomes one bus that many consumers read. A signal has an
-- organization, a subject (`issue:42`), a kind (`issue.new`) and a small JSON body, and is written
-- in the transaction of the change that caused it. Each consumer (alert rules today) reads from
-- its own cursor, so one signal serves several consumers and a failing one holds up no other.
-- tx_id orders signals by the transaction that wrote them; on SQLite, where writers commit one at
-- a time, the id alone does, and tx_id is 0.
CREATE TABLE signals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    tx_id       BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX signals_order ON signals (tx_id, id);
CREATE INDEX signals_history ON signals (org_id, kind, created_at);

-- Where each consumer is: the last signal it got past, in (tx_id, id) order.
CREATE TABLE signal_cursors (
    consumer    TEXT    NOT NULL PRIMARY KEY,
    tx_id       BIGINT  NOT NULL,
    signal_id   BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- Every signal of the outbox, handled or not, keeps its id (alerting's idempotency keys name it)
-- and its time (the weekly report reads the past week's regressions).
INSERT INTO signals (id, org_id, subject, kind, body, created_at, tx_id)
    SELECT o.id, p.org_id, CASE WHEN o.issue_id IS NULL THEN 'project:' || o.project_id ELSE 'issue:' || o.issue_id END,
           o.topic, o.payload, o.created_at, 0
    FROM outbox o JOIN projects p ON p.id = o.project_id;

-- Alerting was the outbox's one reader: it goes on from just before the first signal it had not
-- processed, or after the last one when it had processed them all.
INSERT INTO signal_cursors (consumer, tx_id, signal_id, updated_at)
    SELECT 'alerting', 0,
           COALESCE((SELECT MIN(id) - 1 FROM outbox WHERE processed_at IS NULL), (SELECT MAX(id) FROM outbox), 0),
           COALESCE((SELECT MAX(processed_at) FROM outbox), 0);

DROP TABLE outbox;
