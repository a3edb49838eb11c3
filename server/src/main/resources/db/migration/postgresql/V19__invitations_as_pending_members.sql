-- An invitation is a pending row of org_members: no user yet, the invited address, the hashed
-- token of its link, when the link stops working and who sent it. Accepting it sets user_id and
-- clears the rest, so the member keeps its id (as in Sentry). Until then the invitee belongs to
-- no organization: an invitation is not a membership.
--
-- Before, an invitation created a password-less user and a membership at once, and whoever
-- opened any link for that user set the password: those users become invitations again here.

ALTER TABLE org_members ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE org_members ADD COLUMN email TEXT;
ALTER TABLE org_members ADD COLUMN token_hash TEXT UNIQUE;
ALTER TABLE org_members ADD COLUMN expires_at BIGINT;
ALTER TABLE org_members ADD COLUMN invited_by BIGINT REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE org_members ADD CONSTRAINT org_members_org_id_email_key UNIQUE (org_id, email);
CREATE INDEX org_members_invited_by ON org_members (invited_by);

-- A pending member keeps the link it had; one without a usable link (token_hash NULL) shows as expired.
UPDATE org_members m SET
    user_id = NULL,
    email = u.email,
    token_hash = (SELECT l.token_hash FROM one_time_links l
                           WHERE l.purpose = 'INVITE' AND l.state = 'ACTIVE' AND l.org_id = m.org_id AND l.user_id = m.user_id
                           ORDER BY l.id DESC LIMIT 1),
    expires_at = COALESCE((SELECT l.expires_at FROM one_time_links l
                           WHERE l.purpose = 'INVITE' AND l.state = 'ACTIVE' AND l.org_id = m.org_id AND l.user_id = m.user_id
                           ORDER BY l.id DESC LIMIT 1), m.created_at)
FROM users u
WHERE u.id = m.user_id AND u.password_hash IS NULL;

ALTER TABLE org_members ADD CONSTRAINT org_members_pending_is_invitation
    CHECK ((user_id IS NULL) = (email IS NOT NULL) AND (user_id IS NOT NULL OR expires_at IS NOT NULL));

DELETE FROM one_time_links WHERE purpose = 'INVITE';
DELETE FROM users WHERE password_hash IS NULL;
