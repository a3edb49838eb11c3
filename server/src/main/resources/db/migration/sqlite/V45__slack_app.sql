-- The Slack app (issue 12): the workspace an organization connected, the people linked between
-- Slack and Bugmaster, the messages Bugmaster posted (to update them in place), the calls to
-- Slack's Web API waiting to be made, incidents' own channels, and the inbound requests seen
-- (so a replayed signature or a retried event acts once).

-- One workspace per organization. The bot token and the signing secret are encrypted (SecretBox,
-- bound to the organization); team_id is Slack's id of the workspace (T...).
CREATE TABLE slack_installations (
    org_id              BIGINT NOT NULL PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    team_id             TEXT   NOT NULL,
    team_name           TEXT,
    bot_user_id         TEXT,
    bot_token           TEXT   NOT NULL,
    signing_secret      TEXT   NOT NULL,
    timeline_reaction   TEXT   NOT NULL,
    incident_channels   BOOLEAN NOT NULL,
    installed_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL
);

-- A Slack person (workspace + user id) acting as a Bugmaster user of the organization.
-- linked_via: 'email' (Slack's verified email matched a member) or 'link' (they opened a one-time link).
CREATE TABLE slack_user_links (
    org_id          BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    team_id         TEXT   NOT NULL,
    slack_user_id   TEXT   NOT NULL,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_via      TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (org_id, team_id, slack_user_id)
);
CREATE INDEX slack_user_links_user ON slack_user_links (org_id, user_id);

-- A message Bugmaster posted with chat.postMessage: what it is about (issue:42, incident:7) and
-- where it is (channel id + ts), so a change anywhere updates it with chat.update.
CREATE TABLE slack_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id      BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject     TEXT   NOT NULL,
    channel     TEXT   NOT NULL,
    ts          TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (channel, ts)
);
CREATE INDEX slack_messages_subject ON slack_messages (org_id, subject);

-- Web API calls waiting to be made (chat.update, chat.postEphemeral, conversations.invite, ...),
-- made by the engine with retries. A call with a coalesce key replaces a waiting one with the same
-- key (only the newest chat.update of a message matters).
CREATE TABLE slack_calls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id          BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    method          TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    coalesce_key    TEXT,
    state           TEXT   NOT NULL,
    attempts        INTEGER NOT NULL,
    next_at         BIGINT NOT NULL,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX slack_calls_due ON slack_calls (state, next_at);
CREATE INDEX slack_calls_coalesce ON slack_calls (coalesce_key, state);

-- An incident's own Slack channel (#inc-12-checkout-down): pins and chosen reactions there go to
-- the incident's timeline.
CREATE TABLE slack_incident_channels (
    incident_id   BIGINT NOT NULL PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    org_id        BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    channel       TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX slack_incident_channels_channel ON slack_incident_channels (org_id, channel);

-- Inbound requests seen: 'sig:<signature>' (a replay is refused) and 'event:<event_id>' (Slack's
-- retries act once). Rows older than the signature window are deleted.
CREATE TABLE slack_seen (
    key      TEXT   NOT NULL PRIMARY KEY,
    seen_at  BIGINT NOT NULL
);
CREATE INDEX slack_seen_at ON slack_seen (seen_at);
