package io.bugmaster.changes;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.changes.ChangeWindow.CommitRef;
import io.bugmaster.changes.ChangeWindow.Found;
import io.bugmaster.changes.ChangeWindow.Link;
import io.bugmaster.incidents.ChangeEvent;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.issues.IssueService;
import io.bugmaster.releases.Commit;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.Release;
import io.bugmaster.releases.ReleaseService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * Gathers what changed around an incident, for its impacted services and the projects they run:
 * Sentry deploys (with their releases' first commits, the suspects), releases created or finalized,
 * PagerDuty change events, and posted changes; plus the issues new or regressed in the window.
 */
@Service
public class RecentChanges {
    /** Read at most this many of each source; the window shows the newest {@link ChangeWindow#MAX_ROWS}. */
    static final int PER_SOURCE = 50;
    static final int COMMITS_PER_DEPLOY = 5;

    private final Incidents incidents;
    private final Services services;
    private final ReleaseService releases;
    private final IssueService issues;
    private final Changes changes;
    private final Directory directory;
    private final Clock clock;

    RecentChanges(Incidents incidents, Services services, ReleaseService releases, IssueService issues, Changes changes,
            Directory directory, Clock clock) {
        this.incidents = incidents;
        this.services = services;
        this.releases = releases;
        this.issues = issues;
        this.changes = changes;
        this.directory = directory;
        this.clock = clock;
    }

    /** For {@code GET .../incidents/{number}/recent-changes/?hours=}: needs {@code event:read}, as the incident. */
    public ChangeWindow forIncident(Actor actor, String orgSlug, String number, Integer hours) {
        int h = ChangeWindow.hours(hours);
        return of(incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident(), h);
    }

    /** The window of an incident whose reader was checked. */
    public ChangeWindow of(Incident incident, int hours) {
        Instant from = incident.createdAt().minus(Duration.ofHours(hours));
        Instant to = incident.resolvedAt() != null ? incident.resolvedAt() : clock.instant();
        if (to.isBefore(from)) {
            to = from;
        }
        long orgId = incident.orgId();
        String orgBase = "/orgs/" + directory.orgSlug(orgId).orElseThrow();
        List<Long> serviceIds = incidents.impactedServiceIds(incident.id());
        List<Long> projectIds = services.projectIdsOf(serviceIds);

        List<Found> found = new ArrayList<>();
        Map<Long, List<CommitRef>> commitsOfRelease = new HashMap<>();
        for (Deploy d : releases.deploysOfProjectsBetween(projectIds, from, to, PER_SOURCE)) {
            if (d.orgId() != orgId) {
                continue;
            }
            List<Link> links = new ArrayList<>(List.of(new Link(releasePage(orgBase, d.version()), "Release " + d.version())));
            if (d.url() != null) {
                links.add(new Link(d.url(), d.name() == null ? "Deploy" : d.name()));
            }
            List<CommitRef> commits = commitsOfRelease.computeIfAbsent(d.releaseId(), id -> releases.commitsOfRelease(id, COMMITS_PER_DEPLOY)
                    .stream().map(RecentChanges::commit).toList());
            found.add(new Found("deploy:" + d.id(), d.dateFinished(), ChangeWindow.DEPLOY, "Deploy",
                    "Deployed " + d.version() + " to " + d.environment() + (d.name() == null ? "" : " (" + d.name() + ")"), null,
                    d.environment(), links, commits));
        }
        for (Release r : releases.releasesOfProjectsBetween(projectIds, from, to, PER_SOURCE)) {
            if (r.orgId() != orgId) {
                continue;
            }
            List<Link> links = List.of(new Link(releasePage(orgBase, r.version()), "Release " + r.version()));
            found.add(new Found("release:" + r.id() + ":created", r.createdAt(), ChangeWindow.RELEASE, "Release",
                    "Release " + r.version() + " created", null, null, links, List.of()));
            if (r.dateReleased() != null) {
                found.add(new Found("release:" + r.id() + ":finalized", r.dateReleased(), ChangeWindow.RELEASE, "Release",
                        "Release " + r.version() + " finalized", null, null, links, List.of()));
            }
        }
        for (ChangeEvent e : incidents.changeEvents(serviceIds, from, to, PER_SOURCE)) {
            found.add(new Found("change_event:" + e.id(), e.happenedAt(), ChangeWindow.CHANGE_EVENT, "Change event", e.summary(), e.source(),
                    null, e.links().stream().map(l -> new Link(l.get("href"), l.get("text") == null ? l.get("href") : l.get("text"))).toList(),
                    List.of()));
        }
        for (Change c : changes.touching(orgId, serviceIds, projectIds, from, to, PER_SOURCE)) {
            found.add(new Found("change:" + c.id(), c.happenedAt(), c.kind().id(), c.kind().label(), c.summary(), c.who(), c.environment(),
                    c.links().stream().map(l -> new Link(l.href(), l.text())).toList(), List.of()));
        }
        List<ChangeWindow.Appeared> appeared = issues.newOrRegressed(orgId, projectIds, from, to, ChangeWindow.MAX_SUSPECTS).stream()
                .map(a -> new ChangeWindow.Appeared(a.issue().id(), a.issue().shortId(), a.issue().title(), a.how(), a.at(),
                        orgBase + "/issues/" + a.issue().id()))
                .toList();
        return ChangeWindow.of(incident.createdAt(), from, to, hours, found, appeared);
    }

    private static String releasePage(String orgBase, String version) {
        return orgBase + "/releases/" + UriUtils.encodePathSegment(version, StandardCharsets.UTF_8);
    }

    private static CommitRef commit(Commit c) {
        String message = c.message() == null ? null : c.message().lines().findFirst().orElse("");
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        String author = c.authorName() != null ? c.authorName() : c.authorEmail();
        return new CommitRef(c.key().length() > 12 ? c.key().substring(0, 12) : c.key(), message, author);
    }
}
