-- Inbox zero: who marked an issue reviewed, and when (epoch milliseconds), team-wide. Cleared
-- whenever someone changes the issue's status, so a regression after a resolve is unreviewed again.

ALTER TABLE issues ADD COLUMN reviewed_at BIGINT;
ALTER TABLE issues ADD COLUMN reviewed_by BIGINT;
