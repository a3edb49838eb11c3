package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.accounts.Role;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Comments on issues (Sentry's notes): reading, writing with mentions of members and teams (who are
 * subscribed), changing and deleting one's own (or, for an admin, anyone's).
 */
@Service
public class IssueComments {
    private final IssueStore store;
    private final OrgDirectory directory;
    private final IssueAccess access;
    private final IssueFollowers followers;
    private final Transactions tx;
    private final Clock clock;

    IssueComments(IssueStore store, OrgDirectory directory, IssueAccess access, IssueFollowers followers, Transactions tx,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.access = access;
        this.followers = followers;
        this.tx = tx;
        this.clock = clock;
    }

    // --- comments (Sentry's notes: activities of type "note") ---

    public static final String NOTE = "note";
    public static final int COMMENT_MAX_CHARS = 10_000;

    public Page<Activity> comments(Actor actor, String orgSlug, String issueId, int offset, int limit) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return Page.of(store.activities(issue.id(), NOTE, offset, limit + 1), offset, limit);
    }

    /**
     * Adds a comment. Mentions ({@code @email} of a member, {@code #team-slug}) are stored with it
     * as {@code mentions: [{type, id, token}]}; the author and the mentioned people are subscribed
     * to the issue (a team mention is stored for notifications to expand later).
     */
    public Activity addComment(Actor actor, String orgSlug, String issueId, String text) {
        String valid = commentText(text);
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            long issue = scoped.issue().id();
            long now = clock.millis();
            long id = store.addActivity(issue, NOTE, actor.userId(), noteData(scoped.access().org().id(), issue, valid, now), now);
            store.updateUserState(issue, actor.userId(), null, null, true, now);
            followers.tell(scoped.issue(), id, NOTE, Acting.person(actor), valid, null);
            return store.activity(issue, id).orElseThrow();
        });
    }

    /** Changes a comment's text (and its mentions); only its author, or an admin of the organization, may. */
    public Activity editComment(Actor actor, String orgSlug, String issueId, String commentId, String text) {
        String valid = commentText(text);
        return tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            Activity note = ownComment(actor, scoped, commentId);
            long now = clock.millis();
            store.updateActivityData(note.id(), noteData(scoped.access().org().id(), note.issueId(), valid, now));
            return store.activity(note.issueId(), note.id()).orElseThrow();
        });
    }

    public void deleteComment(Actor actor, String orgSlug, String issueId, String commentId) {
        tx.write(() -> {
            var scoped = access.issue(actor, orgSlug, issueId, Scopes.EVENT_WRITE);
            store.deleteActivity(ownComment(actor, scoped, commentId).id());
            return null;
        });
    }

    private Activity ownComment(Actor actor, IssueAccess.Scoped scoped, String commentId) {
        long id;
        try {
            id = Long.parseLong(commentId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("comment '" + commentId + "' not found");
        }
        Activity note = store.activity(scoped.issue().id(), id).filter(a -> NOTE.equals(a.type()))
                .orElseThrow(() -> new NotFoundException("comment '" + commentId + "' not found"));
        Role role = scoped.access().member().role();
        boolean admin = (role == Role.ADMIN || role == Role.OWNER) && scoped.access().has(Scopes.EVENT_ADMIN);
        if (!admin && (note.userId() == null || note.userId() != actor.userId())) {
            throw new ForbiddenException("only the author of a comment or an admin of the organization may change it");
        }
        return note;
    }

    static String commentText(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "write something: a comment cannot be empty");
        }
        if (text.length() > COMMENT_MAX_CHARS) {
            throw new InvalidInputException("text", "a comment can be at most " + COMMENT_MAX_CHARS + " characters, this one has "
                    + text.length());
        }
        return text.strip();
    }

    private Map<String, Object> noteData(long orgId, long issueId, String text, long now) {
        List<Map<String, String>> mentions = new ArrayList<>();
        for (Mentions.Candidate c : Mentions.candidates(text)) {
            if (c.team()) {
                directory.teamIdBySlug(orgId, c.name()).ifPresent(team -> mentions.add(Map.of("type", "team", "id",
                        String.valueOf(team), "token", c.token())));
            } else {
                directory.memberUserByEmail(orgId, c.name()).ifPresent(user -> {
                    mentions.add(Map.of("type", "user", "id", String.valueOf(user.id()), "token", c.token()));
                    store.updateUserState(issueId, user.id(), null, null, true, now);
                });
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("mentions", mentions);
        return data;
    }
}
