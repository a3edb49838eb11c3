-- A delivery records the receiver's reference to the message it made, when the receiver gives
-- one (Slack's channel and ts from chat.postMessage; an incoming webhook gives none), so a later
-- change (a resolve, an acknowledgement) can update that message in place instead of posting anew.
ALTER TABLE notification_deliveries ADD COLUMN message_ref TEXT;
