-- Someone removed from an organization lets go of its issues (MemberDepartures does it from now on):
-- before V24 their assignments and subscriptions, bookmarks and seen marks stayed behind, and
-- workflow and alert emails kept going to them. Drop what is left of people who are no longer members.
UPDATE issues SET assignee_user_id = NULL
WHERE assignee_user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM projects p JOIN org_members m ON m.org_id = p.org_id
    WHERE p.id = issues.project_id AND m.user_id = issues.assignee_user_id);

DELETE FROM issue_user_state WHERE NOT EXISTS (
    SELECT 1 FROM issues i JOIN projects p ON p.id = i.project_id JOIN org_members m ON m.org_id = p.org_id
    WHERE i.id = issue_user_state.issue_id AND m.user_id = issue_user_state.user_id);

-- A web session remembers the generation of its user's sessions when it logged in; a password reset
-- moves the generation on, which ends every session made before it.
ALTER TABLE users ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
