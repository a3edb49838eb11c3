package io.bugmaster.changes;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.WebAddresses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What changed around an incident: every change in the window [incident opened - hours, resolved or now]
 * for its services and their projects, newest first, with the error issues that appeared in the window
 * (the suspects), and the checklist's first three questions answered from them ("Yes: 1 deploy 40 min before").
 */
@PureLogic
public record ChangeWindow(Instant from, Instant to, Instant incidentAt, int hours, List<Row> rows, List<Suspect> suspects,
        List<Hint> hints) {
    public static final int DEFAULT_HOURS = 6;
    public static final int MAX_HOURS = 72;
    /** Rows and suspects shown at most: the newest. */
    public static final int MAX_ROWS = 100;
    public static final int MAX_SUSPECTS = 20;

    /** Kinds of row: a deploy (Sentry's or posted), a release created or finalized, a PagerDuty change event, or a posted change's kind. */
    public static final String DEPLOY = ChangeKind.DEPLOY.id();
    public static final String RELEASE = "release";
    public static final String CHANGE_EVENT = "change_event";

    public record Link(String href, String text) {}

    /** A commit of a deployed release: a suspect of the incident. */
    public record CommitRef(String sha, String message, String author) {}

    /** One change; {@code when} is said against the incident's start ("40 min before"). */
    public record Row(String id, Instant at, String when, String kind, String kindLabel, String what, String who, String environment,
            List<Link> links, List<CommitRef> commits) {}

    /** An error issue that was new or regressed ({@code how}) in the window. */
    public record Suspect(long issueId, String shortId, String title, String how, Instant at, String when, String link) {}

    /** The checklist question a change answers, and the answer ("Yes: 1 deploy 40 min before"). */
    public record Hint(String question, String text) {}

    /** A change as read from its source, before it is placed against the incident. */
    public record Found(String id, Instant at, String kind, String kindLabel, String what, String who, String environment,
            List<Link> links, List<CommitRef> commits) {}

    /** A suspect as read. */
    public record Appeared(long issueId, String shortId, String title, String how, Instant at, String link) {}

    /** {@code hours} as asked: null for the default, else 1 to 72. */
    public static int hours(Integer asked) {
        if (asked == null) {
            return DEFAULT_HOURS;
        }
        if (asked < 1 || asked > MAX_HOURS) {
            throw new io.bugmaster.common.InvalidInputException("hours", "how many hours before the incident to look, 1 to " + MAX_HOURS
                    + "; got " + asked);
        }
        return asked;
    }

    public static ChangeWindow of(Instant incidentAt, Instant from, Instant to, int hours, List<Found> found, List<Appeared> appeared) {
        List<Row> rows = new ArrayList<>();
        for (Found f : found) {
            if (!f.at().isBefore(from) && !f.at().isAfter(to)) {
                rows.add(new Row(f.id(), f.at(), relative(f.at(), incidentAt), f.kind(), f.kindLabel(), f.what(), f.who(), f.environment(),
                        f.links().stream().filter(l -> safe(l.href())).toList(), f.commits()));
            }
        }
        rows.sort(Comparator.comparing(Row::at).reversed().thenComparing(Row::id));
        List<Suspect> suspects = appeared.stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to))
                .sorted(Comparator.comparing(Appeared::at).reversed().thenComparingLong(Appeared::issueId))
                .limit(MAX_SUSPECTS)
                .map(a -> new Suspect(a.issueId(), a.shortId(), a.title(), a.how(), a.at(), relative(a.at(), incidentAt), a.link())).toList();
        List<Row> before = rows.stream().filter(r -> !r.at().isAfter(incidentAt)).toList();
        List<Hint> hints = List.of(
                hint("deploy", before, Set.of(DEPLOY), "deploy", "deploys", hours),
                hint("infrastructure", before, Set.of(ChangeKind.INFRASTRUCTURE.id(), ChangeKind.CONFIG.id()), "infrastructure change",
                        "infrastructure changes", hours),
                hint("schema", before, Set.of(ChangeKind.MIGRATION.id()), "schema migration", "schema migrations", hours));
        return new ChangeWindow(from, to, incidentAt, hours, List.copyOf(rows.subList(0, Math.min(MAX_ROWS, rows.size()))), suspects, hints);
    }

    /** A count of rows of these kinds before the incident and the closest one: "Yes: 2 deploys, the last 40 min before". */
    static Hint hint(String question, List<Row> before, Set<String> kinds, String one, String many, int hours) {
        List<Row> matching = before.stream().filter(r -> kinds.contains(r.kind())).toList();
        if (matching.isEmpty()) {
            return new Hint(question, "None recorded in the " + hours + " h before");
        }
        Row last = matching.get(0);
        if (matching.size() == 1) {
            return new Hint(question, "Yes: 1 " + one + " " + last.when());
        }
        return new Hint(question, "Yes: " + matching.size() + " " + many + ", the last " + last.when());
    }

    /** "40 min before", "2 h 5 min before", "at the start", "12 min after" the incident opened. */
    public static String relative(Instant at, Instant incidentAt) {
        Duration d = Duration.between(at, incidentAt);
        boolean before = !d.isNegative();
        long minutes = Math.abs(d.toMinutes());
        if (minutes == 0) {
            return "at the start";
        }
        String span = minutes < 60 ? minutes + " min"
                : minutes % 60 == 0 ? (minutes / 60) + " h" : (minutes / 60) + " h " + (minutes % 60) + " min";
        return span + (before ? " before" : " after");
    }

    /** Only http(s) links reach a page: a javascript: link would run in the viewer's browser. */
    static boolean safe(String href) {
        return WebAddresses.isHttpOrLocalPath(href);
    }
}
