-- A project's stack trace rules (Sentry's grouping enhancements): which frames are in-app. NULL: none.
ALTER TABLE projects ADD COLUMN stack_trace_rules TEXT;
