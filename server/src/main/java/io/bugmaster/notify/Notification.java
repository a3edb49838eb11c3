package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one message carries, whatever the transport: the facts a person needs to start on an issue.
 * Everything but the keys, the kind and the title may be null or empty. Values that came from
 * events (title, culprit, tags, release, environment) are attacker-controlled: every transport
 * escapes them for its format.
 *
 * @param idempotencyKey unique per notification; receivers see it (Standard Webhooks {@code webhook-id},
 *        email {@code Message-ID}) and drop repeats of the same key
 * @param kind issue alert, resolve or test
 * @param subjectKey stable per thing the message is about (an issue), so PagerDuty's {@code dedup_key}
 *        lets a resolve close the alert that a trigger opened
 * @param body free text for personal emails (a comment, the weekly report): lines; {@code ## } starts a
 *        heading, {@code - } an item; may be null
 * @param digest set on a storm digest only: the issues it stands for, which each transport lists
 *        in its own format; null on every other message
 * @param reason why it was sent, in words a person woken by it understands ("Regression in
 *        shop@1.4.2", "More than 100 events in 5 minutes (142 seen)", "jane@example.com commented");
 *        every transport shows it; may be null
 * @param rule the name of the alert rule that sent it, or null
 * @param createdAt when Bugmaster made it: times in the message are told relative to it; may be null
 */
@PureLogic
public record Notification(
        String idempotencyKey,
        Kind kind,
        String subjectKey,
        String organization,
        String project,
        String environment,
        String title,
        String culprit,
        String level,
        long count,
        long users,
        Instant firstSeen,
        String release,
        String suspectCommit,
        String suspectAuthor,
        Map<String, String> tags,
        String assignee,
        String link,
        String body,
        Digest digest,
        String reason,
        String rule,
        Instant createdAt) {

    /** One issue listed in a storm digest. Title and project come from events: escape them. */
    public record DigestEntry(String title, String project, long count, String link) {
        public DigestEntry {
            title = title == null ? "" : title;
        }

        /** One plain-text line: {@code [project] title (N events) link}. Not escaped. */
        public String line() {
            StringBuilder out = new StringBuilder();
            if (project != null && !project.isBlank()) {
                out.append('[').append(project).append("] ");
            }
            out.append(title).append(" (").append(count).append(count == 1 ? " event)" : " events)");
            if (link != null && !link.isBlank()) {
                out.append(' ').append(link);
            }
            return out.toString();
        }
    }

    /**
     * The issues of a storm digest: the first ones listed, and how many more were folded but are
     * not listed (a minute of a storm can hold thousands).
     */
    public record Digest(java.util.List<DigestEntry> entries, int more) {
        public Digest {
            entries = entries == null ? java.util.List.of() : java.util.List.copyOf(entries);
        }

        /** The entries as plain-text lines ({@code - ...}), with a last {@code ... and N more} line. Not escaped. */
        public java.util.List<String> lines() {
            java.util.List<String> lines = new java.util.ArrayList<>();
            entries.forEach(e -> lines.add("- " + e.line()));
            if (more > 0) {
                lines.add("... and " + more + " more");
            }
            return lines;
        }
    }

    /** A message that is not a digest (the usual case). */
    public Notification(String idempotencyKey, Kind kind, String subjectKey, String organization, String project,
            String environment, String title, String culprit, String level, long count, long users, Instant firstSeen,
            String release, String suspectCommit, String suspectAuthor, Map<String, String> tags, String assignee, String link) {
        this(idempotencyKey, kind, subjectKey, organization, project, environment, title, culprit, level, count, users,
                firstSeen, release, suspectCommit, suspectAuthor, tags, assignee, link, null, null, null, null, null);
    }

    /** True on a storm digest, whose {@link #digest()} lists the issues. */
    public boolean isDigest() {
        return digest != null;
    }

    /** Why a message is sent; transports word and shape it by kind (PagerDuty: trigger or resolve). */
    public enum Kind {
        ISSUE_ALERT("issue_alert"),
        RESOLVE("resolve"),
        TEST("test"),
        /** To one person about an issue they follow: a comment, an assignment, a status change. */
        WORKFLOW("workflow"),
        /** The weekly report to one person. */
        REPORT("report");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** A personal email with a body (a comment, the weekly report); not a digest. */
    public Notification(String idempotencyKey, Kind kind, String subjectKey, String organization, String project,
            String environment, String title, String culprit, String level, long count, long users, Instant firstSeen,
            String release, String suspectCommit, String suspectAuthor, Map<String, String> tags, String assignee, String link,
            String body) {
        this(idempotencyKey, kind, subjectKey, organization, project, environment, title, culprit, level, count, users, firstSeen,
                release, suspectCommit, suspectAuthor, tags, assignee, link, body, null, null, null, null);
    }

    /** This message with why it was sent, by which alert rule (or null) and when it was made. */
    public Notification withReason(String reason, String rule, Instant createdAt) {
        return new Notification(idempotencyKey, kind, subjectKey, organization, project, environment, title, culprit, level, count,
                users, firstSeen, release, suspectCommit, suspectAuthor, tags, assignee, link, body, digest, reason, rule, createdAt);
    }

    /** This message under another idempotency key (one message made for several channels). */
    public Notification withIdempotencyKey(String key) {
        return new Notification(key, kind, subjectKey, organization, project, environment, title, culprit, level, count, users,
                firstSeen, release, suspectCommit, suspectAuthor, tags, assignee, link, body, digest, reason, rule, createdAt);
    }

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(title, "title");
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A headline for plain-text places (subjects, fallbacks, PagerDuty summary). */
    public String headline() {
        String prefix = switch (kind) {
            case ISSUE_ALERT, REPORT -> "";
            // a reply to the alert about the same issue, so mail clients thread them together
            case WORKFLOW -> "Re: ";
            case RESOLVE -> "Resolved: ";
            case TEST -> "Test: ";
        };
        return prefix + (project == null || project.isBlank() ? "" : "[" + project + "] ") + title;
    }

    /**
     * Why it was sent, one line, for right under the headline: the reason and the alert rule
     * ({@code Regression in shop@1.4.2 · alert rule “Checkout errors”}), or null. Not escaped.
     */
    public String why() {
        boolean hasReason = reason != null && !reason.isBlank();
        boolean hasRule = rule != null && !rule.isBlank();
        if (!hasReason && !hasRule) {
            return null;
        }
        String byRule = hasRule ? "alert rule “" + rule + "”" : null;
        return !hasReason ? "Sent by " + byRule : hasRule ? reason + " · " + byRule : reason;
    }

    /**
     * The one line a phone shows when the message arrives (chat fallbacks, PagerDuty's summary): an
     * alert's reason before its headline ({@code Regression in shop@1.4.2: [shop] TypeError: ...}).
     * Email subjects keep the bare headline, so a reply about the issue threads with the alert.
     */
    public String summary() {
        return kind == Kind.ISSUE_ALERT && !isDigest() && reason != null && !reason.isBlank() ? reason + ": " + headline() : headline();
    }

    /** The facts as label/value pairs in display order, leaving out what is unknown. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, "Project", project);
        put(facts, "Environment", environment);
        put(facts, "Level", level);
        if (kind == Kind.REPORT) {
            return facts;
        }
        if ((kind != Kind.TEST && kind != Kind.WORKFLOW) || count > 0) {
            facts.put("Events", Long.toString(count));
            if (!isDigest()) {
                // a digest adds up events, but users of different issues cannot be added up
                facts.put("Users", Long.toString(users));
            }
        }
        put(facts, "First seen", firstSeen == null ? null : Times.atAndAgo(firstSeen, createdAt));
        put(facts, "Release", release);
        if (suspectCommit != null && !suspectCommit.isBlank()) {
            facts.put("Suspect commit", suspectCommit + (suspectAuthor == null || suspectAuthor.isBlank() ? "" : " by " + suspectAuthor));
        }
        put(facts, "Assignee", assignee);
        return facts;
    }

    private static void put(Map<String, String> facts, String label, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(label, value);
        }
    }
}
