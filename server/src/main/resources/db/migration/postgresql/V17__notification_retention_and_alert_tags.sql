-- Retention (notify/NotificationRetentionModule): finished notifications and delivery attempts
-- older than BUGMASTER_NOTIFY_RETENTION are deleted by age, in batches.
CREATE INDEX notification_queue_created ON notification_queue (created_at);
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at);
