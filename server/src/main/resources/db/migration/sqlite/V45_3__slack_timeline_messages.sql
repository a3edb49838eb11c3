-- Messages of an incident's Slack channel sent to the incident's timeline (pinned, or marked with the
-- installation's timeline reaction): each message once, however often it is pinned or marked.
CREATE TABLE slack_timeline_messages (
    org_id       BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel      TEXT   NOT NULL,
    ts           TEXT   NOT NULL,
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (org_id, channel, ts)
);
