-- On SQLite a PRIMARY KEY column other than INTEGER PRIMARY KEY (the rowid) accepts NULL unless
-- declared NOT NULL; PostgreSQL's never does. Two tables keyed by a BIGINT project_id are rebuilt
-- with the column NOT NULL, so both databases refuse the same rows (SchemaParityTest).
CREATE TABLE project_counters_new (
    project_id         BIGINT  NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    next_issue_number  BIGINT  NOT NULL
);
INSERT INTO project_counters_new (project_id, next_issue_number)
    SELECT project_id, next_issue_number FROM project_counters WHERE project_id IS NOT NULL;
DROP TABLE project_counters;
ALTER TABLE project_counters_new RENAME TO project_counters;

CREATE TABLE alert_project_tags_new (
    project_id  BIGINT  NOT NULL PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    tag_keys    TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
INSERT INTO alert_project_tags_new (project_id, tag_keys, updated_at)
    SELECT project_id, tag_keys, updated_at FROM alert_project_tags WHERE project_id IS NOT NULL;
DROP TABLE alert_project_tags;
ALTER TABLE alert_project_tags_new RENAME TO alert_project_tags;
