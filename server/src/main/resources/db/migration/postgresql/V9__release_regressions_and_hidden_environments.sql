-- Per release and project, how many issues regressed on an event of that release (kept by the
-- digest, next to new_issues); and environments a project's members chose to hide from pickers
-- (Sentry's "hidden" environments; the digest still records them).

ALTER TABLE release_projects ADD COLUMN regressions BIGINT NOT NULL DEFAULT 0;
ALTER TABLE environments ADD COLUMN is_hidden BOOLEAN NOT NULL DEFAULT FALSE;
