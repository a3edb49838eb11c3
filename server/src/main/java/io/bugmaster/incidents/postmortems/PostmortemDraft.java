package io.bugmaster.incidents.postmortems;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The first draft of a postmortem, in Markdown, with seed 003's sections (summary, context,
 * impact, timeline, how to improve, preventative actions) and the impact filled in from what the
 * incident recorded. Every value that came from outside (titles, log messages, issue titles: event
 * data is written by attackers) is put inline after fixed text, on one line, with Markdown's
 * punctuation escaped, so it reads as text and cannot add a heading, a table row or a link.
 */
@PureLogic
public final class PostmortemDraft {
    static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Characters with a meaning inline in CommonMark and GFM tables; escaped with a backslash (valid for any ASCII punctuation). */
    private static final String SPECIAL = "\\`*_[]<>|~!&";
    /** The timeline's share of a postmortem's 200 KB: longer timelines end with a pointer to the incident's page. */
    static final int TIMELINE_BUDGET = 150_000;
    private static final int CELL_CHARS = 1_000;
    private static final Pattern SAFE_LINK = Pattern.compile("(https?://|/)[^\\s<>()\\[\\]|\\\\\"'`]*");

    private PostmortemDraft() {}

    /** The stage the incident entered at {@code at} (investigating, identified, monitoring, resolved). */
    public record StageEntry(String stage, Instant at) {}

    /** A linked error issue and what it counted. */
    public record IssueImpact(String shortId, String title, String url, long events, long users) {}

    /** An action item as the draft lists it; {@code owner} in words, {@code url} its ticket or null. */
    public record ActionLine(String title, String owner, LocalDate due, boolean done, String url) {}

    /**
     * What the draft is made of. {@code people} names the users of the timeline by id; {@code priority}
     * is "P2 (Major: ...)" or null when none was set; {@code resolvedAt} null for an open incident.
     */
    public record Facts(long number, String title, String url, String description, Instant createdAt, Instant acknowledgedAt,
            Instant resolvedAt, String priority, List<String> services, List<StageEntry> stages, List<IssueImpact> issues,
            List<TimelineEntry> timeline, Map<Long, String> people, List<ActionLine> actions, Instant now) {}

    /** The postmortem's title for this incident. */
    public static String title(long number, String incidentTitle) {
        return "#" + number + " " + oneLine(incidentTitle);
    }

    public static String markdown(Facts f) {
        List<String> out = new ArrayList<>();
        out.add("# Postmortem: " + text(title(f.number(), f.title())));
        out.add("");
        out.add("Incident: [#" + f.number() + "](" + link(f.url()) + ")");
        out.add("");
        out.add("## Summary");
        out.add("");
        out.add("_Quick recap: what broke, for whom, and how it was fixed. Example: \"Production was down because of a database"
                + " connection variable missing from the deploy.\"_");
        if (f.description() != null && !f.description().isBlank()) {
            out.add("");
            out.add("First description: " + text(f.description()));
        }
        out.add("");
        out.add("## Context");
        out.add("");
        out.add("_What was going on before the incident. Example: \"We released feature X; the deploy broke because a global"
                + " setting was missing.\"_");
        out.add("");
        impact(f, out);
        timeline(f, out);
        out.add("## How to improve");
        out.add("");
        out.add("_The main problems met while fixing it, and what would shorten the reaction next time._");
        out.add("");
        out.add("### What went well");
        out.add("");
        out.add("- ");
        out.add("");
        out.add("### What did not go well");
        out.add("");
        out.add("- ");
        out.add("");
        out.add("## Preventative actions");
        out.add("");
        if (f.actions().isEmpty()) {
            out.add("_What needs doing so this does not happen again: add each action on the incident's page, with an owner and a"
                    + " due date; it is tracked there until done._");
        }
        for (ActionLine a : f.actions()) {
            out.add("- [" + (a.done() ? "x" : " ") + "] " + text(a.title()) + " (owner: " + text(a.owner() == null ? "nobody" : a.owner())
                    + (a.due() == null ? "" : ", due " + a.due()) + ")" + (a.url() == null || link(a.url()).isEmpty() ? ""
                            : " [ticket](" + link(a.url()) + ")"));
        }
        out.add("");
        return String.join("\n", out);
    }

    private static void impact(Facts f, List<String> out) {
        out.add("## Impact");
        out.add("");
        Instant end = f.resolvedAt() == null ? f.now() : f.resolvedAt();
        out.add("- **Duration:** " + duration(Duration.between(f.createdAt(), end)) + (f.resolvedAt() == null ? " so far (still open)" : "")
                + ", from " + UTC_TIME.format(f.createdAt()) + " UTC" + (f.resolvedAt() == null ? "" : " to " + UTC_TIME.format(end) + " UTC"));
        out.add("- **Time to acknowledge:** " + (f.acknowledgedAt() == null ? "never acknowledged"
                : duration(Duration.between(f.createdAt(), f.acknowledgedAt()))));
        out.add("- **Priority:** " + (f.priority() == null ? "not set" : text(f.priority())));
        out.add("- **Services:** " + (f.services().isEmpty() ? "none" : text(String.join(", ", f.services()))));
        Map<String, Duration> stages = timeInStages(f.stages(), end);
        List<String> spent = new ArrayList<>();
        stages.forEach((stage, d) -> spent.add(stage + " " + duration(d)));
        out.add("- **Time in each stage:** " + (spent.isEmpty() ? "not recorded" : String.join(", ", spent)));
        long events = f.issues().stream().mapToLong(IssueImpact::events).sum();
        long users = f.issues().stream().mapToLong(IssueImpact::users).sum();
        if (f.issues().isEmpty()) {
            out.add("- **Error issues:** none linked");
        } else {
            out.add("- **Error issues:** " + f.issues().size() + " linked, " + count(events, "event") + " and " + count(users, "user")
                    + " affected");
            for (IssueImpact i : f.issues()) {
                out.add("  - [" + text(i.shortId()) + "](" + link(i.url()) + ") " + text(i.title()) + ": " + count(i.events(), "event") + ", "
                        + count(i.users(), "user"));
            }
        }
        List<TimelineEntry> pages = f.timeline().stream().filter(e -> "notified".equals(e.kind())).toList();
        long paged = pages.stream().map(TimelineEntry::userId).filter(Objects::nonNull).distinct().count();
        out.add("- **Notifications:** " + count(pages.size(), "page") + " sent" + (paged == 0 ? "" : " to " + count(paged, "person")));
        List<String> responders = responders(f);
        out.add("- **Responders:** " + (responders.isEmpty() ? "nobody recorded" : text(String.join(", ", responders))));
        out.add("");
    }

    private static void timeline(Facts f, List<String> out) {
        out.add("## Timeline");
        out.add("");
        out.add("| Time (UTC) | Event | Link |");
        out.add("| --- | --- | --- |");
        int written = 0;
        int size = 0;
        for (TimelineEntry e : f.timeline()) {
            if (size > TIMELINE_BUDGET) {
                out.add("| | " + (f.timeline().size() - written) + " more entries: see the incident's timeline | |");
                break;
            }
            String who = e.actor() != null && !e.actor().isBlank() && (e.message() == null || !e.message().contains(e.actor()))
                    ? " (" + e.actor() + ")" : "";
            String url = e.link() == null ? "" : link(absolute(f.url(), e.link()));
            String row = "| " + UTC_TIME.format(e.at()) + " | " + text(e.kind()) + ": " + text(cut(Objects.toString(e.message(), "") + who))
                    + " | " + (url.isEmpty() ? "" : "[open](" + url + ")") + " |";
            out.add(row);
            size += row.length();
            written++;
        }
        out.add("");
    }

    /** The people who acted on the incident (not those only paged), in the order they first did. */
    private static List<String> responders(Facts f) {
        Map<Long, String> seen = new LinkedHashMap<>();
        for (TimelineEntry e : f.timeline()) {
            if (e.userId() != null && !"notified".equals(e.kind())) {
                seen.putIfAbsent(e.userId(), f.people().getOrDefault(e.userId(), e.actor() == null ? "user " + e.userId() : e.actor()));
            }
        }
        return List.copyOf(seen.values());
    }

    /** The time spent in each stage before the incident ended (or until now), in the order the stages were first entered. */
    static Map<String, Duration> timeInStages(List<StageEntry> stages, Instant end) {
        List<StageEntry> sorted = stages.stream().sorted(java.util.Comparator.comparing(StageEntry::at)).toList();
        Map<String, Duration> spent = new LinkedHashMap<>();
        for (int k = 0; k < sorted.size(); k++) {
            StageEntry s = sorted.get(k);
            if (s.stage().equals("resolved")) {
                break;
            }
            Instant until = k + 1 < sorted.size() ? sorted.get(k + 1).at() : end;
            Duration d = until.isAfter(s.at()) ? Duration.between(s.at(), until) : Duration.ZERO;
            spent.merge(s.stage(), d, Duration::plus);
        }
        return spent;
    }

    /** {@code 1 h 25 min}, {@code 2 d 3 h}, {@code 40 s}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        return hours > 0 ? hours + " h" + (minutes > 0 ? " " + minutes + " min" : "") : minutes + " min";
    }

    private static String count(long n, String noun) {
        String plural = noun.equals("person") ? "people" : noun + "s";
        return String.format(Locale.ENGLISH, "%,d", n) + " " + (n == 1 ? noun : plural);
    }

    /** Text from outside as inline Markdown: one line, its punctuation escaped, so it shows as written and adds no structure. */
    public static String text(String s) {
        String line = oneLine(s);
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A path on Bugmaster made a full address on the same server as the incident's ({@code incidentUrl}), so the
     * exported Markdown's links open wherever it is read; anything else as it is.
     */
    static String absolute(String incidentUrl, String url) {
        if (url == null || !url.startsWith("/") || url.startsWith("//") || incidentUrl == null) {
            return url;
        }
        int path = incidentUrl.indexOf("/orgs/");
        return path < 0 ? url : incidentUrl.substring(0, path) + url;
    }

    /** An address as a Markdown link target when it is http(s) or relative and has nothing that could end the link early; else empty. */
    static String link(String url) {
        return url != null && SAFE_LINK.matcher(url).matches() && !url.startsWith("//") ? url : "";
    }

    private static String cut(String s) {
        return s.length() <= CELL_CHARS ? s : s.substring(0, CELL_CHARS) + "…";
    }

    /** Line breaks, tabs and other control characters become single spaces. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (blank) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
