-- Action links (alerting/actionlinks): "Resolve" and "Ignore for 1h" in a message act without a
-- login through a signed token. A token is not stored when it is made (it is signed, see
-- ActionToken); its use is, once: the primary key makes a second use of the same token fail, on
-- every node. A row is kept until the token expires, after which the expiry refuses it anyway.
CREATE TABLE action_link_uses (
    token_id    TEXT    PRIMARY KEY,
    org_id      BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    issue_id    BIGINT  NOT NULL,
    action      TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    used_at     BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX action_link_uses_expiry ON action_link_uses (expires_at);
