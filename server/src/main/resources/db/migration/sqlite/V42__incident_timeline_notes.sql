-- The incident timeline's notes (issue 11): people write lines of kind 'note' into incident_log
-- beside the automatic ones. A note's time can be corrected ("the deploy finished at 10:02"):
-- original_at keeps when it was written, edited_at when its text or time last changed; link is an
-- optional http(s) address (a dashboard, a runbook, a pull request).
ALTER TABLE incident_log ADD COLUMN original_at BIGINT;
ALTER TABLE incident_log ADD COLUMN edited_at BIGINT;
ALTER TABLE incident_log ADD COLUMN link TEXT;

-- Pinned timeline entries, by their timeline id ("log:12", "change:4", "delivery:31"): log lines and
-- the entries other features compute alike, so a suspect deploy can be pinned as well as a note.
CREATE TABLE incident_pins (
    incident_id  BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    entry_id     TEXT   NOT NULL,
    pinned_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    pinned_at    BIGINT NOT NULL,
    PRIMARY KEY (incident_id, entry_id)
);
