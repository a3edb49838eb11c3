package io.bugmaster.incidents.timeline;

import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.TimelineSource;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The timeline's view of the error issues linked to the incident: when each first had events in the
 * window [opened - 6 hours, resolved or now] (its first-seen time when it was new then) and its
 * busiest hour there with the count, so "the errors started at 09:58 and peaked at 10:00" shows.
 */
@Component
class LinkedIssueSpikes implements TimelineSource {
    static final String KIND = "issue";
    static final Duration BEFORE_OPENED = Duration.ofHours(6);
    static final int ISSUES_READ = 50;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final Incidents incidents;
    private final IssueService issues;

    LinkedIssueSpikes(Incidents incidents, IssueService issues) {
        this.incidents = incidents;
        this.issues = issues;
    }

    @Override
    public List<TimelineEntry> entries(Incident incident, Instant now) {
        Instant from = incident.createdAt().minus(BEFORE_OPENED);
        Instant to = incident.resolvedAt() != null ? incident.resolvedAt() : now;
        List<TimelineEntry> out = new ArrayList<>();
        List<Long> linked = incidents.linkedIssueIds(incident.id());
        for (long issueId : linked.subList(0, Math.min(ISSUES_READ, linked.size()))) {
            Optional<Issue> found = issues.issue(issueId).filter(i -> i.orgId() == incident.orgId());
            if (found.isEmpty()) {
                continue;
            }
            Issue issue = found.get();
            Optional<IssueService.HourlyPeak> peak = issues.hourlyPeak(issueId, from, to);
            if (peak.isEmpty()) {
                continue;
            }
            IssueService.HourlyPeak p = peak.get();
            String link = "/orgs/" + issue.orgSlug() + "/issues/" + issue.id();
            String name = issue.shortId() + " “" + issue.title() + "”";
            boolean newInWindow = !issue.firstSeen().isBefore(from) && !issue.firstSeen().isAfter(to);
            Instant start = newInWindow ? issue.firstSeen() : p.firstHour().isBefore(from) ? from : p.firstHour();
            out.add(new TimelineEntry(KIND + ":" + issueId + ":first", start, KIND, null, null, null,
                    newInWindow ? "Linked issue " + name + " first seen" : "Linked issue " + name + " has events from this hour on", link, true,
                    false));
            out.add(new TimelineEntry(KIND + ":" + issueId + ":peak", p.busiestHour().isBefore(from) ? from : p.busiestHour(), KIND, null, null,
                    null, String.format(Locale.ROOT, "Linked issue %s: busiest hour %s-%s UTC with %,d %s (%,d in all since 6 hours before the"
                            + " incident)", name, HOUR.format(p.busiestHour()), HOUR.format(p.busiestHour().plus(Duration.ofHours(1))),
                            p.busiestCount(), p.busiestCount() == 1 ? "event" : "events", p.total()),
                    link, true, false));
        }
        return out;
    }
}
