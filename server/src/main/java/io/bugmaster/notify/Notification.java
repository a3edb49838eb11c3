package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message, whatever the transport and whatever it is about (an issue today; an incident, a
 * monitor, a schedule tomorrow): transport-neutral parts that each transport renders in its own
 * format. Nothing in it is particular to issues: a feature that sends a message puts what it knows
 * into the title, text, fields, labels, links and data. Everything but the key, the kind, the
 * subject, the event and the title may be null or empty. Values that came from events (titles,
 * texts, labels, field values) are attacker-controlled: every transport escapes them for its format.
 *
 * @param idempotencyKey unique per notification; receivers see it (Standard Webhooks {@code webhook-id},
 *        email {@code X-Bugmaster-Notification}) and drop repeats of the same key
 * @param kind how transports treat it: an alert (may page, folds in storms), its resolve, a test, a
 *        workflow message or a report (for reading, never paging)
 * @param subject what it is about, {@code issue:42}: a channel gets the messages about one subject in
 *        order, PagerDuty's {@code dedup_key} comes from it, and a resolve closes its alert
 * @param event what happened, as a machine name ({@code issue.alert}, {@code issue.resolved}): a
 *        webhook's {@code type}
 * @param source what the subject belongs to, shown in brackets before the title ({@code [shop]}):
 *        a project, later a service; PagerDuty's {@code source}
 * @param text one short line under the title, shown as code (an issue's culprit); PagerDuty's {@code component}
 * @param environment where it happened ({@code production}); PagerDuty's {@code group}
 * @param severity the subject's own word for how bad it is ({@code fatal}, {@code error},
 *        {@code warning}, {@code info}, {@code critical}): colours, PagerDuty's severity and {@code class}
 * @param count how many times the subject occurred so far (an issue's events), 0 when not counted;
 *        a storm summary adds them up
 * @param fields labelled facts in display order ({@code First seen: Dec 4, 15:05 UTC (3 hours ago)})
 * @param labels key/value pairs shown small (an issue's tags)
 * @param links where to read more; the first is the subject's own page, which the title links to
 * @param actions what the recipient can do from the message (open; acknowledge, resolve, snooze),
 *        rendered as buttons or links
 * @param body free text for personal emails (a comment, the weekly report): lines; {@code ## } starts
 *        a heading, {@code - } an item; may be null
 * @param digest set on a storm digest only: the alerts it stands for, which each transport lists in
 *        its own format; null on every other message
 * @param reason why it was sent, in words a person woken by it understands ("Regression in
 *        shop@1.4.2", "More than 100 events in 5 minutes (142 seen)", "jane@example.com commented");
 *        every transport shows it; may be null
 * @param rule the name of the alert rule that sent it, or null
 * @param createdAt when Bugmaster made it: times in the message are told relative to it; may be null
 * @param data the subject's facts for receivers that format messages themselves (a webhook's
 *        {@code data}): JSON values (strings, numbers, booleans, null, lists and maps of them)
 * @param table rows to show as a table (what an SQL monitor's query returned), or null; its cells
 *        come from the team's database and are escaped by every transport like event data
 */
@PureLogic
public record Notification(
        String idempotencyKey,
        Kind kind,
        String subject,
        String event,
        String organization,
        String source,
        String title,
        String text,
        String environment,
        String severity,
        long count,
        List<Field> fields,
        Map<String, String> labels,
        List<Link> links,
        List<Action> actions,
        String body,
        Digest digest,
        String reason,
        String rule,
        Instant createdAt,
        Map<String, Object> data,
        Table table) {

    /** The label of the link and the button to the subject's page in Bugmaster. */
    public static final String OPEN = "Open in Bugmaster";

    /**
     * A labelled fact: a text, or a moment ({@code at}) that transports tell relative to when the
     * message was made ({@code Dec 4, 15:05 UTC (3 hours ago)}).
     */
    public record Field(String label, String value, Instant at) {
        public Field {
            Objects.requireNonNull(label, "label");
            if ((value == null) == (at == null)) {
                throw new IllegalArgumentException("a field is a text or a moment: " + label);
            }
        }

        public Field(String label, String value) {
            this(label, value, null);
        }

        public static Field time(String label, Instant at) {
            return new Field(label, null, at);
        }

        /** The value as people read it, a moment told relative to {@code reference} (when the message was made). */
        public String shown(Instant reference) {
            return value != null ? value : Times.atAndAgo(at, reference);
        }
    }

    /** Where to read more: {@code Open in Bugmaster}, a runbook. */
    public record Link(String label, String url) {
        public Link {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Something the recipient can do from the message by opening its URL: {@code open} is the
     * subject's page; acknowledge, resolve and snooze (with incidents and on-call) carry a URL signed
     * for the recipient, so a click acts without a session. Transports render actions as buttons or links.
     */
    public record Action(Type type, String label, String url) {
        public Action {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(url, "url");
        }

        public enum Type {
            OPEN("open"), ACKNOWLEDGE("acknowledge"), RESOLVE("resolve"), SNOOZE("snooze");

            private final String id;

            Type(String id) {
                this.id = id;
            }

            public String id() {
                return id;
            }

            public static Type parse(String id) {
                for (Type t : values()) {
                    if (t.id.equals(id)) {
                        return t;
                    }
                }
                throw new IllegalArgumentException("unknown action: " + id);
            }
        }
    }

    /** One alert listed in a storm digest. Title and source come from events: escape them. */
    public record DigestEntry(String title, String source, long count, String link) {
        public DigestEntry {
            title = title == null ? "" : title;
        }

        /** One plain-text line: {@code [source] title (N events) link}. Not escaped. */
        public String line() {
            StringBuilder out = new StringBuilder();
            if (source != null && !source.isBlank()) {
                out.append('[').append(source).append("] ");
            }
            out.append(title).append(" (").append(count).append(count == 1 ? " event)" : " events)");
            if (link != null && !link.isBlank()) {
                out.append(' ').append(link);
            }
            return out.toString();
        }
    }

    /**
     * The alerts of a storm digest: the first ones listed, and how many more were folded but are
     * not listed (a minute of a storm can hold thousands).
     */
    public record Digest(List<DigestEntry> entries, int more) {
        public Digest {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }

        /** The entries as plain-text lines ({@code - ...}), with a last {@code ... and N more} line. Not escaped. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            entries.forEach(e -> lines.add("- " + e.line()));
            if (more > 0) {
                lines.add("... and " + more + " more");
            }
            return lines;
        }
    }

    /**
     * Rows shown as a table: the column names, the first rows (a cell is text; null is shown as
     * {@code NULL}) and how many rows there were in all ({@code total}, at least the rows shown).
     * Cells are attacker-controlled like event data.
     */
    public record Table(List<String> columns, List<List<String>> rows, long total) {
        /** How a null cell reads. */
        public static final String NULL = "NULL";

        public Table {
            columns = columns == null ? List.of() : columns.stream().map(c -> c == null ? "" : c).toList();
            rows = rows == null ? List.of() : rows.stream()
                    .map(r -> r == null ? List.<String>of() : r.stream().map(c -> c == null ? NULL : c).toList()).toList();
            total = Math.max(total, rows.size());
        }

        /** {@code Showing 20 of 97 rows}, or null when every row is shown. */
        public String more() {
            return total > rows.size() ? "Showing " + rows.size() + " of " + total + " rows" : null;
        }

        /**
         * The table as aligned plain-text lines for a monospace block: a header, a rule and the rows,
         * cells on one line and cut to {@code maxCell} characters, as many rows as fit in {@code maxChars}.
         * Not escaped.
         */
        public List<String> lines(int maxCell, int maxChars) {
            List<List<String>> cells = new ArrayList<>();
            cells.add(columns.stream().map(c -> Texts.truncate(Texts.oneLine(c), maxCell)).toList());
            rows.forEach(r -> cells.add(r.stream().map(c -> Texts.truncate(Texts.oneLine(c), maxCell)).toList()));
            int width = cells.stream().mapToInt(List::size).max().orElse(0);
            int[] widths = new int[width];
            cells.forEach(r -> {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(widths[i], r.get(i).codePointCount(0, r.get(i).length()));
                }
            });
            List<String> lines = new ArrayList<>();
            int used = 0;
            for (int n = 0; n < cells.size(); n++) {
                String line = line(cells.get(n), widths);
                if (used + line.length() + 1 > maxChars && n > 1) {
                    break;
                }
                lines.add(line);
                used += line.length() + 1;
                if (n == 0) {
                    String rule = line(java.util.Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths);
                    lines.add(rule);
                    used += rule.length() + 1;
                }
            }
            return lines;
        }

        private static String line(List<String> cells, int[] widths) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String c = cells.get(i);
                out.append(i > 0 ? " | " : "").append(c);
                if (i < cells.size() - 1) {
                    out.append(" ".repeat(Math.max(0, widths[i] - c.codePointCount(0, c.length()))));
                }
            }
            return out.toString().stripTrailing();
        }
    }

    /** Why a message is sent; transports word and shape it by kind (PagerDuty: trigger or resolve). */
    public enum Kind {
        /** Something may need a human now: it may page, and it folds into a storm digest. */
        ALERT("alert"),
        /** The alert about the same subject is handled: PagerDuty resolves its incident. */
        RESOLVE("resolve"),
        TEST("test"),
        /** To one person about a subject they follow: a comment, an assignment, a status change. */
        WORKFLOW("workflow"),
        /** A report to read (the weekly report). */
        REPORT("report");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind parse(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown notification kind: " + id);
        }
    }

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(title, "title");
        fields = fields == null ? List.of() : List.copyOf(fields);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        links = links == null ? List.of() : List.copyOf(links);
        actions = actions == null ? List.of() : List.copyOf(actions);
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A message with a title and nothing else yet; add the rest with the {@code with...} methods. */
    public static Notification of(String idempotencyKey, Kind kind, String subject, String event, String organization, String title) {
        return new Notification(idempotencyKey, kind, subject, event, organization, null, title, null, null, null, 0, List.of(),
                Map.of(), List.of(), List.of(), null, null, null, null, null, Map.of(), null);
    }

    /** Where it comes from: source (project), text (culprit), environment, severity and count. */
    public Notification withContext(String source, String text, String environment, String severity, long count) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withFields(List<Field> fields) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withLabels(Map<String, String> labels) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withLinks(List<Link> links) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withActions(List<Action> actions) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withBody(String body) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withDigest(Digest digest) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withData(Map<String, Object> data) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    public Notification withTable(Table table) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    /** This message with why it was sent, by which alert rule (or null) and when it was made. */
    public Notification withReason(String reason, String rule, Instant createdAt) {
        return new Notification(idempotencyKey, kind, subject, event, organization, source, title, text, environment, severity, count,
                fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    /** This message under another idempotency key (one message made for several recipients). */
    public Notification withIdempotencyKey(String key) {
        return new Notification(key, kind, subject, event, organization, source, title, text, environment, severity, count, fields,
                labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    /** This message about another subject, given as a path ({@code issue/42}): a resolve that closes an alert merged into its own. */
    public Notification aboutSubjectPath(String path) {
        return new Notification(idempotencyKey, kind, path.replaceFirst("/", ":"), event, organization, source, title, text, environment,
                severity, count, fields, labels, links, actions, body, digest, reason, rule, createdAt, data, table);
    }

    /** True on a storm digest, whose {@link #digest()} lists the alerts. */
    public boolean isDigest() {
        return digest != null;
    }

    /** The subject's own page (the first link), or null. */
    public String link() {
        return links.isEmpty() ? null : links.get(0).url();
    }

    /**
     * The subject as a path, {@code issue/42}: PagerDuty's {@code dedup_key} and the webhook's
     * {@code subject} have been spelled so since the first release, and incidents opened then must
     * still resolve.
     */
    public String subjectPath() {
        return subject.replace(':', '/');
    }

    /** A headline for plain-text places (subjects, fallbacks, PagerDuty summary). */
    public String headline() {
        String prefix = switch (kind) {
            case ALERT, REPORT -> "";
            // a reply to the alert about the same subject, so mail clients thread them together
            case WORKFLOW -> "Re: ";
            // a resolve closes an alert because its subject was resolved, or is gone (deleted, merged into another)
            case RESOLVE -> event.endsWith(".deleted") ? "Deleted: " : event.endsWith(".merged") ? "Merged: " : "Resolved: ";
            case TEST -> "Test: ";
        };
        return prefix + bareHeadline();
    }

    /** The headline without the word that says what kind of message it is: {@code [shop] TypeError: ...}. */
    public String bareHeadline() {
        return (source == null || source.isBlank() ? "" : "[" + source + "] ") + title;
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
     * Email subjects keep the bare headline, so a reply about the subject threads with the alert.
     */
    public String summary() {
        return kind == Kind.ALERT && !isDigest() && reason != null && !reason.isBlank() ? reason + ": " + headline() : headline();
    }

    /** The fields as people read them, label to value, in display order. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        fields.forEach(f -> facts.put(f.label(), f.shown(createdAt)));
        return facts;
    }

    /** This message about a page in Bugmaster: its title links there, and it has a button that opens it. */
    public Notification opening(String url) {
        if (url == null) {
            return this;
        }
        return withLinks(List.of(new Link(OPEN, url))).withActions(List.of(new Action(Action.Type.OPEN, OPEN, url)));
    }
}
