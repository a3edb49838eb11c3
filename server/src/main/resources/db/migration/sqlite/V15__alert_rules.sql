-- Alert rules (alerting/): which signals notify which channels and people. The scope, triggers,
-- filters and actions are one JSON document (`definition`), validated by alerting/AlertRuleDefinition;
-- ids inside it (projects, team, channels) are checked against the organization when saved.
CREATE TABLE alert_rules (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id             BIGINT  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name               TEXT    NOT NULL,
    definition         TEXT    NOT NULL,
    enabled            BOOLEAN NOT NULL DEFAULT TRUE,
    created_by         BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    last_fired_at      BIGINT
);
CREATE INDEX alert_rules_org ON alert_rules (org_id);

-- When a rule last fired for an issue: the action interval throttles repeats per rule per issue.
CREATE TABLE alert_rule_issues (
    rule_id        BIGINT NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    issue_id       BIGINT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    last_fired_at  BIGINT NOT NULL,
    PRIMARY KEY (rule_id, issue_id)
);
CREATE INDEX alert_rule_issues_issue ON alert_rule_issues (issue_id);

-- Up to when the periodic frequency check ("more than N events in 1h") has looked (one row, 'frequency').
CREATE TABLE alert_checks (
    name        TEXT   NOT NULL PRIMARY KEY,
    checked_to  BIGINT NOT NULL
);
