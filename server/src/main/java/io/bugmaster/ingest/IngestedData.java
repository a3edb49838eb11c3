package io.bugmaster.ingest;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.events.EventService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Reading back what ingestion kept besides events: attachments, user feedback, release health
 * (sessions) and outcomes (what was dropped and why), always through the caller's organization.
 */
@Service
public class IngestedData {
    private static final int FEEDBACK_OF_ISSUE = 1000;
    private static final int FEEDBACK_PAGE = 500;
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,3})([hd])");

    private final IngestStore store;
    private final OrganizationService organizations;
    private final ProjectService projects;
    private final Clock clock;
    private final io.bugmaster.issues.IssueQueries issues;
    private final EventService events;

    public IngestedData(IngestStore store, OrganizationService organizations, ProjectService projects, Clock clock,
            io.bugmaster.issues.IssueQueries issues, EventService events) {
        this.issues = issues;
        this.events = events;
        this.store = store;
        this.organizations = organizations;
        this.projects = projects;
        this.clock = clock;
    }

    public record Health(String release, String environment, long sessions, long errored, long crashed, long abnormal,
            Double crashFreeRate) {}

    public List<IngestStore.StoredAttachment> attachments(Actor actor, String org, String project, String eventId) {
        return store.attachments(projectId(actor, org, project), eventId(eventId));
    }

    public record Download(IngestStore.StoredAttachment attachment, byte[] data) {}

    public Download attachment(Actor actor, String org, String project, String eventId, String attachmentId) {
        long pid = projectId(actor, org, project);
        String event = eventId(eventId);
        long id;
        try {
            id = Long.parseLong(attachmentId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("attachment '" + attachmentId + "' not found");
        }
        IngestStore.StoredAttachment attachment = store.attachments(pid, event).stream().filter(a -> a.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("attachment '" + attachmentId + "' not found"));
        return new Download(attachment, store.attachmentData(pid, event, id).orElseThrow());
    }

    public Page<IngestStore.StoredUserReport> userFeedback(Actor actor, String org, String project, int offset, int limit) {
        return Page.of(store.userReports(projectId(actor, org, project), offset, limit + 1), offset, limit);
    }

    public List<IngestStore.StoredUserReport> userFeedbackOfEvent(Actor actor, String org, String project, String eventId) {
        return store.userReportsOfEvent(projectId(actor, org, project), eventId(eventId));
    }

    /** Feedback left on the events of an issue (the issue's organization and {@code event:read} are checked). */
    public List<IngestStore.StoredUserReport> userFeedbackOfIssue(Actor actor, String org, String issueId) {
        var issue = issues.get(actor, org, issueId, "").issue();
        // the project's feedback, newest first, a page at a time, kept when its event is the issue's (at most 1,000)
        List<IngestStore.StoredUserReport> found = new java.util.ArrayList<>();
        Long before = null;
        while (found.size() < FEEDBACK_OF_ISSUE) {
            List<IngestStore.StoredUserReport> page = store.userReportsBefore(issue.projectId(), before, FEEDBACK_PAGE);
            java.util.Set<String> ofIssue = events.eventIdsOfIssue(issue.projectId(), issue.id(),
                    page.stream().map(IngestStore.StoredUserReport::eventId).toList());
            page.stream().filter(r -> ofIssue.contains(r.eventId())).limit(FEEDBACK_OF_ISSUE - found.size()).forEach(found::add);
            if (page.size() < FEEDBACK_PAGE) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        return found;
    }

    /** Sessions per release and environment over the period, with the crash-free rate (sessions that did not crash). */
    public List<Health> releaseHealth(Actor actor, String org, String project, String statsPeriod) {
        long pid = projectId(actor, org, project);
        return store.releaseHealth(pid, clock.instant().minus(period(statsPeriod))).stream()
                .map(h -> new Health(h.release(), h.environment(), h.sessions(), h.errored(), h.crashed(), h.abnormal(),
                        h.sessions() == 0 ? null : Math.max(0, 1.0 - (double) (h.crashed() + h.abnormal()) / h.sessions())))
                .toList();
    }

    /**
     * Like {@link #releaseHealth(Actor, String, String, String)} for several projects and releases at
     * once (summed over the projects), in two queries whatever their number; projects the caller
     * cannot see are left out, and no releases means all of them.
     */
    public List<Health> releaseHealth(Actor actor, String org, java.util.Collection<String> projectSlugs,
            java.util.Collection<String> releases, String statsPeriod) {
        organizations.access(actor, org).require(Scopes.EVENT_READ);
        if (projectSlugs.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(projectSlugs);
        List<Long> ids = projects.list(actor, org, 0, MAX_PROJECTS).items().stream().filter(p -> wanted.contains(p.slug()))
                .map(p -> p.id()).toList();
        return store.releaseHealth(ids, releases, clock.instant().minus(period(statsPeriod))).stream()
                .map(h -> new Health(h.release(), h.environment(), h.sessions(), h.errored(), h.crashed(), h.abnormal(),
                        h.sessions() == 0 ? null : Math.max(0, 1.0 - (double) (h.crashed() + h.abnormal()) / h.sessions())))
                .toList();
    }

    private static final int MAX_PROJECTS = 10_000;

    public List<IngestStore.OutcomeTotal> outcomes(Actor actor, String org, String project, String statsPeriod) {
        return store.outcomes(projectId(actor, org, project), clock.instant().minus(period(statsPeriod)));
    }

    private long projectId(Actor actor, String org, String project) {
        organizations.access(actor, org).require(Scopes.EVENT_READ);
        return projects.get(actor, org, project).project().id();
    }

    private static String eventId(String eventId) {
        String id = eventId == null ? "" : eventId.replace("-", "").toLowerCase(Locale.ROOT);
        if (!id.matches("[0-9a-f]{32}")) {
            throw new NotFoundException("event '" + eventId + "' not found");
        }
        return id;
    }

    static Duration period(String statsPeriod) {
        if (statsPeriod == null || statsPeriod.isBlank()) {
            return Duration.ofHours(24);
        }
        Matcher m = PERIOD.matcher(statsPeriod.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            throw new InvalidInputException("statsPeriod", "must look like 24h or 14d");
        }
        int n = Integer.parseInt(m.group(1));
        Duration d = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        if (d.compareTo(Duration.ofDays(90)) > 0) {
            throw new InvalidInputException("statsPeriod", "must be at most 90d");
        }
        return d;
    }
}
