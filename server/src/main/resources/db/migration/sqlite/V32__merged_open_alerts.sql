-- Merging issues (notify/): an alert still open about an issue merged into another unresolved
-- issue stays open (its problem goes on there) and is closed when that issue is resolved or
-- deleted: the row keeps its own subject (PagerDuty's dedup_key) and names the issue it went into.
ALTER TABLE notification_open_alerts ADD COLUMN merged_into TEXT;
CREATE INDEX notification_open_alerts_merged ON notification_open_alerts (merged_into);
