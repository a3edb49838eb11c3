package io.bugmaster.changes;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.changes.ChangeRules.NewChange;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import io.bugmaster.incidents.Services;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Changes to production, posted by deploy scripts and people. Posting needs {@code project:releases}:
 * the scope a deploy script's token already has to run {@code sentry-cli releases new} and
 * {@code deploys new} (every member has it; a viewer does not). Reading needs {@code event:read}
 * (every member, as for incidents) or {@code project:releases}. A change may name only its own
 * organization's services and projects.
 */
@Service
public class Changes {
    private final OrganizationService organizations;
    private final ChangeStore store;
    private final Services services;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    Changes(OrganizationService organizations, ChangeStore store, Services services, Directory directory, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.store = store;
        this.services = services;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    public Change post(Actor actor, String orgSlug, Map<String, Object> body) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.PROJECT_RELEASES);
        long orgId = access.org().id();
        Instant now = clock.instant();
        NewChange c = ChangeRules.read(body, now);
        // checked in the transaction that writes it, so a service deleted meanwhile is a 400, not a foreign-key failure
        long id = tx.write(() -> {
            for (int k = 0; k < c.serviceIds().size(); k++) {
                if (services.service(orgId, c.serviceIds().get(k)).isEmpty()) {
                    throw new InvalidInputException("service_ids[" + k + "]", "this organization has no service with id " + c.serviceIds().get(k));
                }
            }
            return store.insert(orgId, c, projectIds(orgId, c.projects()), actor.userId(), now);
        });
        return store.find(id).orElseThrow();
    }

    /** What a list may be narrowed to, as the client wrote it; blank or null means any. */
    public record Query(String serviceId, String project, String kind, String since, String until) {}

    public Page<Change> list(Actor actor, String orgSlug, Query q, int offset, int limit) {
        OrgAccess access = readAccess(actor, orgSlug);
        long orgId = access.org().id();
        Long serviceId = blank(q.serviceId()) ? null : ChangeRules.id("service_id", q.serviceId().strip());
        Long projectId = null;
        if (!blank(q.project())) {
            projectId = directory.projectId(orgId, q.project().strip()).orElse(null);
            if (projectId == null) {
                throw new InvalidInputException("project", "this organization has no project '" + q.project().strip() + "'");
            }
        }
        ChangeKind kind = null;
        if (!blank(q.kind())) {
            kind = ChangeKind.parse(q.kind().strip())
                    .orElseThrow(() -> new InvalidInputException("kind", "one of " + ChangeKind.CHOICES + "; got '" + q.kind().strip() + "'"));
        }
        Instant since = blank(q.since()) ? null : ChangeRules.instant("since", q.since());
        Instant until = blank(q.until()) ? null : ChangeRules.instant("until", q.until());
        ChangeStore.Filter filter = new ChangeStore.Filter(serviceId, projectId, kind, since, until);
        return Page.of(store.list(orgId, filter, offset, limit + 1), offset, limit);
    }

    /** The organization's changes in [from, to] that name any of these services or projects, newest first; no caller checks. */
    public List<Change> touching(long orgId, Collection<Long> serviceIds, Collection<Long> projectIds, Instant from, Instant to, int limit) {
        return store.touching(orgId, serviceIds, projectIds, from, to, limit);
    }

    private List<Long> projectIds(long orgId, List<String> slugs) {
        Map<String, Long> ids = directory.projectIdsBySlug(orgId, slugs);
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < slugs.size(); k++) {
            Long id = ids.get(slugs.get(k));
            if (id == null) {
                throw new InvalidInputException("projects[" + k + "]", "this organization has no project '" + slugs.get(k) + "'");
            }
            out.add(id);
        }
        return out;
    }

    private OrgAccess readAccess(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug);
        if (!access.has(Scopes.EVENT_READ) && !access.has(Scopes.PROJECT_RELEASES)) {
            throw new ForbiddenException("you need the '" + Scopes.EVENT_READ + "' or '" + Scopes.PROJECT_RELEASES
                    + "' permission in organization '" + orgSlug + "'");
        }
        return access;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
