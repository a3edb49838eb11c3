-- Incident communication (issue 11): where stakeholders and engineers hear about incidents, the
-- status updates posted to them, the people subscribed by email, and the update reminders sent.

-- An organization's situation room (a video call URL, http or https) and its two channels:
-- stakeholders read status updates in one ("#incidents"), engineers the technical notes and
-- milestones in the other ("#tech-incidents"). A deleted channel leaves the setting empty.
CREATE TABLE incident_settings (
    org_id                  BIGINT NOT NULL PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    situation_room_url      TEXT,
    stakeholder_channel_id  BIGINT REFERENCES notification_channels (id) ON DELETE SET NULL,
    tech_channel_id         BIGINT REFERENCES notification_channels (id) ON DELETE SET NULL
);

-- A service's own channels, used for the incidents of that service instead of the organization's.
CREATE TABLE incident_service_channels (
    service_id              BIGINT NOT NULL PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
    stakeholder_channel_id  BIGINT REFERENCES notification_channels (id) ON DELETE SET NULL,
    tech_channel_id         BIGINT REFERENCES notification_channels (id) ON DELETE SET NULL
);

-- Status updates: a short text for stakeholders, with the stage the incident was in when posted.
CREATE TABLE incident_status_updates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at           BIGINT NOT NULL,
    stage        TEXT   NOT NULL,
    message      TEXT   NOT NULL,
    posted_by    BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX incident_status_updates_incident ON incident_status_updates (incident_id, at);

-- People who get an incident's status updates by email (a member, or any address someone added).
CREATE TABLE incident_subscribers (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    email        TEXT   NOT NULL,
    user_id      BIGINT REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (incident_id, email)
);

-- Per open incident: when something last told stakeholders or set the priority (the reminder's
-- clock starts there) and when the last "post a status update" reminder went out.
CREATE TABLE incident_update_reminders (
    incident_id  BIGINT NOT NULL PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    quiet_since  BIGINT NOT NULL,
    reminded_at  BIGINT
);
