-- Why an alert rule was turned off by Bugmaster rather than by a person (e.g. its only channel was
-- deleted), shown on the rules list; cleared when someone saves the rule turned on.
ALTER TABLE alert_rules ADD COLUMN disabled_reason TEXT;
