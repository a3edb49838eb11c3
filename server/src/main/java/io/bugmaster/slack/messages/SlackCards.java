package io.bugmaster.slack.messages;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.OrgDirectory;
import io.bugmaster.issues.StatusDetails;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.notify.Times;
import io.bugmaster.web.Links;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;

/**
 * The cards Bugmaster posts in Slack and keeps true: an issue or an incident as it is now, with the
 * buttons that act on it, and a line that says who last changed it. Read for the system (no caller
 * check): a card goes to a channel the organization chose, and every click is checked against the
 * person who makes it.
 */
@Service
public class SlackCards {
    /** Teams offered in the Assign menu at most (Slack takes 100 options; a menu that long helps nobody). */
    static final int MAX_TEAMS = 20;

    private final IssueService issues;
    private final OrgDirectory orgs;
    private final Directory directory;
    private final OwnershipService ownership;
    private final Incidents incidents;
    private final Links links;
    private final Clock clock;

    SlackCards(IssueService issues, OrgDirectory orgs, Directory directory, OwnershipService ownership, Incidents incidents, Links links,
            Clock clock) {
        this.issues = issues;
        this.orgs = orgs;
        this.directory = directory;
        this.ownership = ownership;
        this.incidents = incidents;
        this.links = links;
        this.clock = clock;
    }

    /** A Slack message's two parts: the plain-text fallback (notifications, search) and the Block Kit blocks. */
    public record Card(String text, ArrayNode blocks) {}

    /**
     * The issue's card now; an issue that no longer exists gets a card that says so, without buttons.
     *
     * @param lastChange who did what last ("Resolved by ana@example.com"), or null
     */
    public Card issue(long issueId, String lastChange) {
        Instant now = clock.instant();
        Optional<Issue> found = issues.issue(issueId);
        if (found.isEmpty()) {
            return SlackCardBlocks.issueGone(issueId, lastChange);
        }
        Issue i = found.get();
        String assignee = null;
        if (i.assigneeUserId() != null) {
            assignee = orgs.memberUser(i.orgId(), i.assigneeUserId()).map(SlackCards::name).orElse(null);
        } else if (i.assigneeTeamId() != null) {
            assignee = orgs.team(i.orgId(), i.assigneeTeamId()).map(t -> "#" + t.name()).orElse(null);
        }
        boolean open = IssueWorkflow.UNRESOLVED.equals(i.status());
        return SlackCardBlocks.issue(new SlackCardBlocks.IssueFacts(i.id(), i.shortId(), i.projectSlug(), i.title(), i.culprit(), i.level(),
                i.timesSeen(), i.userCount(), i.firstSeen(), i.lastSeen(), status(i, now), open, assignee,
                links.issue(i.orgSlug(), i.id()), open ? assignChoices(i) : List.of()), lastChange, now);
    }

    /** The incident's card now; one that no longer exists gets a card that says so. */
    public Card incident(long incidentId, String lastChange) {
        Instant now = clock.instant();
        Optional<Incidents.View> found = incidents.viewById(incidentId);
        if (found.isEmpty()) {
            return SlackCardBlocks.incident(new SlackCardBlocks.IncidentFacts(incidentId, 0, "(this incident no longer exists)", "resolved",
                    null, null, null, List.of(), null, null), lastChange, now);
        }
        Incidents.View v = found.get();
        var i = v.incident();
        String org = directory.orgSlug(i.orgId()).orElse("");
        return SlackCardBlocks.incident(new SlackCardBlocks.IncidentFacts(i.id(), i.number(), i.title(), i.status().id(),
                i.stage() == null ? null : i.stage().id(), v.priority() == null ? null : v.priority().label(),
                v.service() == null ? null : v.service().name(),
                v.assignees().stream().map(p -> p.email() != null ? p.email() : p.name()).toList(), i.createdAt(),
                links.incident(org, i.number())), lastChange, now);
    }

    /** The status in words: Unresolved (regressed), Resolved in shop@1.4.2, Ignored until Dec 4, 18:05 UTC. */
    static String status(Issue i, Instant now) {
        StatusDetails d = i.statusDetails() == null ? StatusDetails.NONE : i.statusDetails();
        return switch (i.status()) {
            case IssueWorkflow.RESOLVED -> d.boundRelease() != null ? "Resolved in " + d.boundRelease() : "Resolved";
            case IssueWorkflow.IGNORED -> {
                if (d.ignoreUntil() != null) {
                    yield "Ignored until " + Times.at(Instant.ofEpochMilli(d.ignoreUntil()), now);
                }
                if (d.ignoreCount() != null) {
                    yield "Ignored until " + d.ignoreCount() + " more events";
                }
                if (d.ignoreUserCount() != null) {
                    yield "Ignored until " + d.ignoreUserCount() + " more users";
                }
                yield Boolean.TRUE.equals(d.ignoreUntilEscalating()) ? "Ignored until it escalates" : "Ignored";
            }
            default -> i.substatus() == null || i.substatus().isBlank() || i.substatus().equals("ongoing") ? "Unresolved"
                    : "Unresolved (" + i.substatus().replace('_', ' ') + ")";
        };
    }

    /** Beside "Me": the owner ownership suggests (its first), then the project's teams by slug. */
    private List<SlackCardBlocks.Choice> assignChoices(Issue i) {
        Map<String, SlackCardBlocks.Choice> out = new LinkedHashMap<>();
        ownership.ownersOfIssue(i.id()).owners().stream().findFirst()
                .ifPresent(o -> out.put(o.type() + ":" + o.id(), new SlackCardBlocks.Choice(o.type() + ":" + o.id(),
                        "Suggested: " + (o.type().equals("team") ? "#" + o.name() : name(o)))));
        List<Assignee> teams = new ArrayList<>(orgs.teams(directory.projectTeamIds(i.projectId())).values());
        teams.sort(Comparator.comparing(Assignee::name));
        teams.stream().limit(MAX_TEAMS).forEach(t -> out.putIfAbsent("team:" + t.id(), new SlackCardBlocks.Choice("team:" + t.id(),
                "#" + t.name())));
        return List.copyOf(out.values());
    }

    private static String name(Assignee a) {
        return a.email() != null && !a.email().isBlank() ? a.email() : a.name();
    }
}
