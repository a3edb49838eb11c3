package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Saved searches of the issue stream. Anyone in the organization sees its shared searches and
 * their own; members and above save their own (viewers only read); sharing with the organization,
 * and deleting a shared search, needs {@code org:write} (admins and owners). Another person's own
 * search, or another organization's, is "not found".
 */
@Service
public class SavedSearchService {
    private final SavedSearchStore store;
    private final IssueAccess access;
    private final Transactions tx;
    private final Clock clock;

    public SavedSearchService(SavedSearchStore store, IssueAccess access, Transactions tx, Clock clock) {
        this.store = store;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
    }

    public List<SavedSearch> list(Actor actor, String orgSlug) {
        OrgAccess org = access.organization(actor, orgSlug, Scopes.ORG_READ);
        return store.visibleTo(org.org().id(), actor.userId());
    }

    /** Whether the caller may save a search of this visibility here (the UI hides what it may not do). */
    public boolean maySave(OrgAccess org, String visibility) {
        if (SavedSearch.ORGANIZATION.equals(visibility)) {
            return org.has(Scopes.ORG_WRITE);
        }
        return org.has(Scopes.ORG_READ) && org.member().role().atLeast(Role.MEMBER);
    }

    public OrgAccess access(Actor actor, String orgSlug) {
        return access.organization(actor, orgSlug, Scopes.ORG_READ);
    }

    public SavedSearch create(Actor actor, String orgSlug, SavedSearch.Input input) {
        return tx.write(() -> {
            OrgAccess org = access.organization(actor, orgSlug, Scopes.ORG_READ);
            boolean shared = SavedSearch.ORGANIZATION.equals(input.visibility());
            if (shared) {
                org.require(Scopes.ORG_WRITE);
            } else if (!maySave(org, input.visibility())) {
                throw new ForbiddenException("viewers cannot save searches in organization '" + org.org().slug()
                        + "'; ask an admin to make you a member (your role: " + org.member().role().id() + ")");
            }
            return store.insert(org.org().id(), shared ? null : actor.userId(), input.name(), input.query(), input.sort(),
                    clock.instant()).orElseThrow(() -> new InvalidInputException("name", (shared ? "this organization already has"
                    : "you already have") + " a saved search named '" + input.name() + "'; choose another name"));
        });
    }

    /** Deletes the caller's own search, or a shared one (needs {@code org:write}). */
    public void delete(Actor actor, String orgSlug, String searchId) {
        tx.write(() -> {
            OrgAccess org = access.organization(actor, orgSlug, Scopes.ORG_READ);
            SavedSearch search = find(org, actor, searchId);
            if (search.shared()) {
                org.require(Scopes.ORG_WRITE);
            }
            store.delete(org.org().id(), search.id());
        });
    }

    private SavedSearch find(OrgAccess org, Actor actor, String searchId) {
        long id;
        try {
            id = Long.parseLong(searchId);
        } catch (NumberFormatException e) {
            throw notFound(searchId);
        }
        return store.find(org.org().id(), id).filter(s -> s.shared() || s.ownerUserId() == actor.userId())
                .orElseThrow(() -> notFound(searchId));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("saved search '" + id + "' not found");
    }
}
