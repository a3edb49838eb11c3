package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.Subject;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.NotificationQueue.Recipient;
import io.bugmaster.releases.SuspectCommit;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.signals.Signal;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns signals into notifications. Signals come from the signal bus (alerting is its consumer
 * {@code alerting}), a batch per transaction: for a new issue, automatic assignment first (so the
 * message names the assignee), then every enabled rule of the organization whose scope holds the
 * project is evaluated, and what fires is enqueued with an idempotency key of rule, signal and
 * recipient; a resolved issue's signal queues a resolve to the channels that were alerted about it.
 * The frequency triggers are checked periodically over the issues that received events since the
 * last check. A crash anywhere rolls the batch back: the signals come again; keys make repeats harmless.
 */
@Service
public class AlertDispatcher {
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    static final String FREQUENCY_CHECK = "frequency";
    static final Duration MAX_FREQUENCY_LOOKBACK = Duration.ofHours(1);
    static final Duration FREQUENCY_OVERLAP = Duration.ofMinutes(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRuleStore store;
    private final IssueService issues;
    private final EventService events;
    private final OwnershipService ownership;
    private final SuspectCommitService suspects;
    private final io.bugmaster.releases.ReleaseService releases;
    private final Directory directory;
    private final ChannelService channels;
    private final NotificationQueue queue;
    private final Transactions tx;
    private final Links links;
    private final io.bugmaster.notify.settings.NotificationSettingsService settings;

    public AlertDispatcher(AlertRuleStore store, IssueService issues, EventService events, OwnershipService ownership,
            SuspectCommitService suspects, io.bugmaster.releases.ReleaseService releases, Directory directory,
            ChannelService channels, NotificationQueue queue, Transactions tx, Links links,
            io.bugmaster.notify.settings.NotificationSettingsService settings) {
        this.settings = settings;
        this.store = store;
        this.issues = issues;
        this.events = events;
        this.ownership = ownership;
        this.suspects = suspects;
        this.releases = releases;
        this.directory = directory;
        this.channels = channels;
        this.queue = queue;
        this.tx = tx;
        this.links = links;
    }

    /**
     * Handles signals in the signal bus's transaction: for a new issue, automatic assignment first
     * (so the message names the assignee), then every enabled rule of the organization whose scope
     * holds the project; a resolved issue's signal queues a resolve to the channels alerted about it.
     */
    void handle(List<Signal> signals, Instant now) {
        Map<Long, List<AlertRule>> rulesByOrg = new HashMap<>();
        Map<Long, List<Long>> teamProjects = new HashMap<>();
        for (Signal signal : signals) {
            if (!signal.subject().is(Subject.ISSUE)) {
                continue;
            }
            long issueId = signal.subject().number();
            if (IssueWorkflow.Signal.RESOLVED.topic().equals(signal.kind())) {
                // whatever the rules say now: the channels that were alerted about the issue are told it is resolved
                issues.issue(issueId).ifPresent(issue -> followUpResolved(signal, issue, now));
                continue;
            }
            if (Trigger.NEW_ISSUE.topic().equals(signal.kind())) {
                ownership.autoAssign(issueId);
            }
            Optional<Issue> found = issues.issue(issueId);
            if (found.isEmpty()) {
                continue;
            }
            Issue issue = found.get();
            List<AlertRule> inScope = rulesByOrg.computeIfAbsent(issue.orgId(), store::enabled).stream()
                    .filter(r -> r.definition().hasSignalConditions())
                    .filter(r -> inScope(r.definition().scope(), issue.projectId(), teamProjects)).toList();
            if (inScope.isEmpty()) {
                continue;
            }
            IssueContext context = new IssueContext(issue, signal.text("environment"), signal.text("release"), signal.text("reason"));
            for (AlertRule rule : inScope) {
                evaluateAndFire(rule, context, signal.kind(), "s" + signal.id(), now);
            }
        }
    }

    /**
     * Queues a resolve to each channel that was sent an alert about the issue (PagerDuty resolves its
     * incident, webhooks get {@code issue.resolved}, chats and email channels a short message),
     * keyed by the signal and the channel.
     */
    private void followUpResolved(Signal signal, Issue issue, Instant now) {
        String reason = AlertReasons.resolved(signal.text("activity"), signal.text("version"), signal.text("commit"),
                signal.text("actor"));
        Notification resolve = notification("resolve:s" + signal.id(), Notification.Kind.RESOLVE,
                new IssueContext(issue, null, null, null)).withReason(reason, null, now);
        int queued = queue.enqueueResolved(issue.orgId(), resolve);
        if (queued > 0) {
            log.info("issue {} resolved: a resolve queued to {} channel(s) that were alerted about it", issue.id(), queued);
        }
    }

    /**
     * The periodic check of the frequency triggers: every issue of a project in some frequency rule's
     * scope that received events since the last check is counted and evaluated.
     */
    public void checkFrequencies(Instant now) {
        tx.write(() -> {
            long to = now.toEpochMilli();
            List<AlertRule> rules = store.allEnabled().stream().filter(r -> r.definition().hasFrequencyConditions()).toList();
            if (rules.isEmpty()) {
                return; // nothing to check, and nothing to write
            }
            // after a pause (no rules, or the server was down) look back a bounded time: counts still include older events.
            // The window overlaps the previous one: an event is stamped when received but visible only once its batch
            // commits, so one received just before the last check may not have been seen by it. Seeing an issue twice
            // is harmless: the action interval (5 minutes at least) keeps a rule from firing twice for it.
            long from = Math.max(store.checkedTo(FREQUENCY_CHECK).orElse(0L), to - MAX_FREQUENCY_LOOKBACK.toMillis())
                    - FREQUENCY_OVERLAP.toMillis();
            Map<Long, List<Long>> teamProjects = new HashMap<>();
            Map<Long, Set<Long>> projectsByOrg = new LinkedHashMap<>();
            for (AlertRule rule : rules) {
                Set<Long> projects = projectsByOrg.computeIfAbsent(rule.orgId(), k -> new LinkedHashSet<>());
                Scope scope = rule.definition().scope();
                switch (scope.type()) {
                    case ORGANIZATION -> projects.addAll(directory.projectIds(rule.orgId()));
                    case PROJECTS -> projects.addAll(scope.projectIds());
                    case TEAM -> projects.addAll(teamProjects.computeIfAbsent(scope.teamId(), directory::teamProjectIds));
                }
            }
            Set<Long> allProjects = new HashSet<>();
            projectsByOrg.values().forEach(allProjects::addAll);
            Map<Long, Long> touched = events.issuesReceivedBetween(allProjects, from, to);
            for (var entry : touched.entrySet()) {
                long issueId = entry.getKey();
                long projectId = entry.getValue();
                List<AlertRule> inScope = rules.stream().filter(r -> inScope(r.definition().scope(), projectId, teamProjects)).toList();
                if (inScope.isEmpty()) {
                    continue;
                }
                Optional<Issue> issue = issues.issue(issueId);
                if (issue.isEmpty()) {
                    continue;
                }
                IssueContext context = new IssueContext(issue.get(), null, null, null);
                for (AlertRule rule : inScope) {
                    if (rule.orgId() == issue.get().orgId()) {
                        evaluateAndFire(rule, context, null, "f" + to, now);
                    }
                }
            }
            store.setCheckedTo(FREQUENCY_CHECK, to);
        });
    }

    private boolean inScope(Scope scope, long projectId, Map<Long, List<Long>> teamProjects) {
        return switch (scope.type()) {
            case ORGANIZATION -> true;
            case PROJECTS -> scope.projectIds().contains(projectId);
            case TEAM -> teamProjects.computeIfAbsent(scope.teamId(), directory::teamProjectIds).contains(projectId);
        };
    }

    /** What is known about an issue while its signal is handled, looked up once and only when a rule needs it. */
    private final class IssueContext {
        final Issue issue;
        final String signalEnvironment;
        final String signalRelease;
        /** A wake-up's or an escalation's reason from the signal, or null. */
        final String signalDetail;
        private JsonNode latest;
        private Optional<OwnershipService.Owners> owners;
        private String latestRelease;
        private boolean latestReleaseLoaded;
        private String assigneeEmail;
        private boolean assigneeLoaded;
        private final Map<Interval, Long> eventCounts = new EnumMap<>(Interval.class);
        private final Map<Interval, Long> userCounts = new EnumMap<>(Interval.class);

        IssueContext(Issue issue, String signalEnvironment, String signalRelease, String signalDetail) {
            this.issue = issue;
            this.signalEnvironment = signalEnvironment;
            this.signalRelease = signalRelease;
            this.signalDetail = signalDetail;
        }

        JsonNode latest() {
            if (latest == null) {
                latest = events.latestPayload(issue.id()).orElse(JSON.createObjectNode());
            }
            return latest;
        }

        String environment() {
            return signalEnvironment != null ? signalEnvironment : text(latest(), "environment");
        }

        String release() {
            return signalRelease != null ? signalRelease : issue.lastRelease();
        }

        String latestRelease() {
            if (!latestReleaseLoaded) {
                latestRelease = releases.recentVersionsOfProject(issue.projectId(), 1).stream().findFirst().orElse(null);
                latestReleaseLoaded = true;
            }
            return latestRelease;
        }

        OwnershipService.Owners owners() {
            if (owners == null) {
                owners = Optional.of(ownership.ownersOfIssue(issue.id()));
            }
            return owners.get();
        }

        String assigneeEmail() {
            if (!assigneeLoaded) {
                assigneeEmail = issue.assigneeUserId() == null ? null : directory.memberEmail(issue.orgId(), issue.assigneeUserId()).orElse(null);
                assigneeLoaded = true;
            }
            return assigneeEmail;
        }

        String assigneeLabel() {
            if (issue.assigneeUserId() != null) {
                return assigneeEmail();
            }
            if (issue.assigneeTeamId() != null) {
                return "#" + directory.teamSlugs(issue.orgId()).getOrDefault(issue.assigneeTeamId(), "team-" + issue.assigneeTeamId());
            }
            return null;
        }

        long events(Interval interval, Instant now) {
            return eventCounts.computeIfAbsent(interval,
                    i -> AlertDispatcher.this.events.countSince(issue.id(), now.minus(i.duration()).toEpochMilli()));
        }

        private Set<Long> participants;

        /** Who follows the issue (subscribed, mentioned, assigned, or in the assigned team): "only my issues" lets these through. */
        Set<Long> participants() {
            if (participants == null) {
                participants = new HashSet<>(issues.participantUserIds(issue));
                if (issue.assigneeTeamId() != null) {
                    directory.teamMembers(issue.assigneeTeamId()).forEach(m -> participants.add(m.userId()));
                }
            }
            return participants;
        }

        long users(Interval interval, Instant now) {
            return userCounts.computeIfAbsent(interval,
                    i -> AlertDispatcher.this.events.usersSince(issue.id(), now.minus(i.duration()).toEpochMilli()));
        }

        Map<String, String> tags() {
            return tagsOf(latest());
        }
    }

    private void evaluateAndFire(AlertRule rule, IssueContext ctx, String topic, String occasion, Instant now) {
        AlertRuleDefinition d = rule.definition();
        Map<Interval, Long> eventCounts = new EnumMap<>(Interval.class);
        Map<Interval, Long> userCounts = new EnumMap<>(Interval.class);
        for (Condition c : d.conditions()) {
            if (c.trigger() == Trigger.EVENT_FREQUENCY) {
                eventCounts.put(c.interval(), ctx.events(c.interval(), now));
            } else if (c.trigger() == Trigger.USER_FREQUENCY) {
                userCounts.put(c.interval(), ctx.users(c.interval(), now));
            }
        }
        boolean needsOwners = d.filters().stream().anyMatch(f -> f.kind() == FilterKind.OWNED_BY);
        Set<String> ownerEmails = new HashSet<>();
        Set<Long> ownerTeams = new HashSet<>();
        if (needsOwners) {
            for (Assignee owner : ctx.owners().owners()) {
                if ("team".equals(owner.type())) {
                    ownerTeams.add(owner.id());
                } else if (owner.email() != null) {
                    ownerEmails.add(owner.email().toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean needsEvent = d.filters().stream().anyMatch(f -> f.kind() == FilterKind.TAGGED_EVENT
                || f.kind() == FilterKind.EVENT_ATTRIBUTE) || ctx.signalEnvironment == null;
        Map<String, String> tags = needsEvent ? ctx.tags() : Map.of();
        Map<String, String> attributes = needsEvent ? attributesOf(ctx.latest(), ctx) : Map.of();
        String latestRelease = d.filters().stream().anyMatch(f -> f.kind() == FilterKind.LATEST_RELEASE) ? ctx.latestRelease() : null;
        Issue issue = ctx.issue;
        AlertEvaluator.Facts facts = new AlertEvaluator.Facts(topic, ctx.environment(), issue.level(), ctx.release(), latestRelease,
                tags, attributes, issue.firstSeen(), issue.timesSeen(), ctx.assigneeEmail(), issue.assigneeTeamId(), ownerEmails,
                ownerTeams, eventCounts, userCounts, store.lastFired(rule.id(), issue.id()).orElse(null), now);
        AlertEvaluator.Decision decision = AlertEvaluator.evaluate(d, facts);
        if (!decision.fire()) {
            log.debug("alert rule {} does not fire for issue {}: {}", rule.id(), issue.id(), decision.reasons());
            return;
        }
        log.info("alert rule {} fires for issue {}: {}", rule.id(), issue.id(), decision.reasons());
        store.fired(rule.id(), issue.id(), now);
        String reason = AlertReasons.of(decision.held(), facts, ctx.release(), ctx.signalDetail);
        Supplier<Notification.Kind> kind = () -> Notification.Kind.ISSUE_ALERT;
        for (Action action : d.actions()) {
            for (Recipient recipient : recipients(action, ctx)) {
                String recipientKey = recipient.channelId() != null ? "c" + recipient.channelId()
                        : "e" + recipient.email().toLowerCase(Locale.ROOT);
                String key = "alert:r" + rule.id() + ":" + occasion + ":i" + issue.id() + ":" + recipientKey;
                queue.enqueue(rule.orgId(), recipient, notification(key, kind.get(), ctx).withReason(reason, rule.name(), now));
            }
        }
    }

    private List<Recipient> recipients(Action action, IssueContext ctx) {
        List<Recipient> out = new ArrayList<>();
        switch (action.kind()) {
            case NOTIFY_CHANNEL -> {
                if (channels.channel(action.channelId()).filter(c -> c.orgId() == ctx.issue.orgId()).isPresent()) {
                    out.add(Recipient.channel(action.channelId()));
                } else {
                    log.warn("alert action skipped: channel {} no longer exists", action.channelId());
                }
            }
            case NOTIFY_EMAIL -> {
                Set<String> emails = new LinkedHashSet<>();
                switch (action.emailTarget()) {
                    case ASSIGNEE -> {
                        if (ctx.issue.assigneeUserId() != null && ctx.assigneeEmail() != null) {
                            emails.add(ctx.assigneeEmail());
                        } else if (ctx.issue.assigneeTeamId() != null) {
                            emails.addAll(directory.teamMemberEmails(ctx.issue.assigneeTeamId()));
                        }
                    }
                    case ISSUE_OWNERS -> {
                        OwnershipService.Owners owners = ctx.owners();
                        for (Assignee owner : owners.owners()) {
                            if ("team".equals(owner.type())) {
                                emails.addAll(directory.teamMemberEmails(owner.id()));
                            } else if (owner.email() != null) {
                                emails.add(owner.email());
                            }
                        }
                        if (owners.owners().isEmpty() && owners.fallthrough()) {
                            emails.addAll(directory.projectMemberEmails(ctx.issue.projectId()));
                        }
                    }
                    case TEAM -> emails.addAll(directory.teamMemberEmails(action.teamId()));
                    case MEMBER -> action.emails().stream().filter(e -> directory.isMember(ctx.issue.orgId(), e)).forEach(emails::add);
                }
                Set<String> seen = new HashSet<>();
                // each person's own settings: "never" for this project drops them, "subscribed" keeps only followers
                for (String email : settings.issueAlertRecipients(ctx.issue.projectId(), emails, ctx.participants())) {
                    if (seen.add(email.toLowerCase(Locale.ROOT))) {
                        out.add(Recipient.email(email));
                    }
                }
            }
            case PAGE_SERVICE -> log.info("alert action 'page service {}' is a hook for on-call; nothing is sent yet", action.service());
        }
        return out;
    }

    private Notification notification(String key, Notification.Kind kind, IssueContext ctx) {
        Issue issue = ctx.issue;
        Optional<SuspectCommit> suspect = suspects.suspectCommit(issue.id());
        String commit = suspect.map(s -> s.commit().key()).map(k -> k.length() > 12 ? k.substring(0, 12) : k).orElse(null);
        String author = suspect.map(s -> s.commit().authorName() != null ? s.commit().authorName() : s.commit().authorEmail())
                .orElse(null);
        Map<String, String> tags = AlertTags.select(tagKeys(issue.projectId()), ctx.tags(), knownTags(ctx.latest(), ctx));
        return new Notification(key, kind, "issue/" + issue.id(), issue.orgSlug(), issue.projectSlug(), ctx.environment(),
                issue.title(), issue.culprit(), issue.level(), issue.timesSeen(), issue.userCount(), issue.firstSeen(), ctx.release(),
                commit, author, tags, ctx.assigneeLabel(), links.issue(issue.orgSlug(), issue.id()));
    }

    /** The tag keys the project chose to show, or the default. */
    private List<String> tagKeys(long projectId) {
        try {
            return store.alertTags(projectId).map(AlertTags::parse).orElse(AlertTags.DEFAULT);
        } catch (RuntimeException e) {
            return AlertTags.DEFAULT;
        }
    }

    /** What Bugmaster knows of an event under the names of the default tags, for events that do not tag them. */
    static Map<String, String> knownTags(JsonNode event, IssueContext ctx) {
        Map<String, String> known = new HashMap<>();
        known.put("environment", ctx.environment());
        known.put("release", ctx.release());
        known.put("level", ctx.issue.level());
        known.put("url", text(event.path("request"), "url"));
        JsonNode contexts = event.path("contexts");
        known.put("browser", AlertTags.nameAndVersion(text(contexts.path("browser"), "name"), text(contexts.path("browser"), "version")));
        known.put("os", AlertTags.nameAndVersion(text(contexts.path("os"), "name"), text(contexts.path("os"), "version")));
        known.values().removeIf(java.util.Objects::isNull);
        return known;
    }

    // --- event payload helpers ---

    static Map<String, String> tagsOf(JsonNode event) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode node = event.path("tags");
        if (node.isArray()) {
            for (JsonNode pair : node) {
                if (pair.isArray() && pair.size() == 2 && pair.get(0).isString()) {
                    tags.put(pair.get(0).asString(), pair.get(1).isNull() ? null : pair.get(1).asString());
                } else if (pair.isObject() && pair.path("key").isString()) {
                    tags.put(pair.path("key").asString(), pair.path("value").asString());
                }
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        }
        return tags;
    }

    private static Map<String, String> attributesOf(JsonNode event, IssueContext ctx) {
        Map<String, String> a = new HashMap<>();
        String message = text(event.path("logentry"), "formatted");
        if (message == null) {
            message = event.path("message").isString() ? event.path("message").asString() : text(event.path("message"), "formatted");
        }
        a.put("message", message);
        a.put("platform", text(event, "platform"));
        a.put("environment", ctx.environment());
        a.put("title", ctx.issue.title());
        a.put("culprit", ctx.issue.culprit());
        a.put("level", ctx.issue.level());
        a.put("release", ctx.release());
        JsonNode values = event.path("exception").path("values");
        if (values.isArray() && !values.isEmpty()) {
            JsonNode last = values.get(values.size() - 1);
            a.put("type", text(last, "type"));
            a.put("value", text(last, "value"));
        }
        a.put("http.url", text(event.path("request"), "url"));
        a.put("http.method", text(event.path("request"), "method"));
        a.put("user.id", text(event.path("user"), "id"));
        a.put("user.email", text(event.path("user"), "email"));
        a.put("user.username", text(event.path("user"), "username"));
        a.put("sdk.name", text(event.path("sdk"), "name"));
        a.values().removeIf(java.util.Objects::isNull);
        return a;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.path(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asString();
    }
}
