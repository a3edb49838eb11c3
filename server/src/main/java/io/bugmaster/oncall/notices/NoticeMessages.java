package io.bugmaster.oncall.notices;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.Subject;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the handoff notice ("you are on call in 1 hour") and of the gap warning ("nobody is
 * on call"): reports to read, never pages. Times are told in the schedule's time zone, which is
 * the one its people plan their weeks in.
 */
@PureLogic
final class NoticeMessages {
    static final String HANDOFF_EVENT = "schedule.handoff";
    static final String GAP_EVENT = "schedule.gap";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM d, HH:mm", Locale.ENGLISH);

    private NoticeMessages() {}

    /** A schedule as a notice names it. */
    record Schedule(String orgSlug, long id, String name, ZoneId zone, String url) {}

    /** What is left in the inbox of a team whose bugmaster the person becomes. */
    record Inbox(String teamSlug, long unreviewed, long assignedToYou, String url) {}

    /**
     * The notice to the person whose shift starts at {@code start}.
     *
     * @param end when the shift ends, or null when it runs past what the notice looked at
     * @param outgoing who is on call until then (a name or email), or null when nobody is
     * @param inboxes one per team whose bugmaster rotation this schedule is
     * @param incidents the open incidents, or null when there is nothing that can tell them
     */
    static Notification handoff(String key, Schedule schedule, Instant start, Instant end, String outgoing, List<Inbox> inboxes,
            HandoffFacts.OpenIncidents incidents, Instant now) {
        String title = "You are on call on " + schedule.name() + " from " + at(start, schedule.zone());
        List<String> body = new ArrayList<>();
        body.add("Your shift on " + schedule.name() + " starts " + at(start, schedule.zone()) + " (" + schedule.zone().getId() + ")"
                + (end == null ? "." : " and ends " + at(end, schedule.zone()) + "."));
        body.add(outgoing == null ? "Nobody is on call before you: there is no one to hand over." : "You take over from " + outgoing + ".");
        for (Inbox inbox : inboxes) {
            body.add("");
            body.add("## You are this week's bugmaster of #" + inbox.teamSlug());
            body.add("Left in the inbox: " + inbox.unreviewed() + " unreviewed, " + inbox.assignedToYou() + " assigned to you.");
            body.add("New issues that no ownership rule owns are assigned to you during your shift. Inbox: " + inbox.url());
        }
        if (incidents != null) {
            body.add("");
            body.add("## Open incidents");
            if (incidents.total() == 0) {
                body.add("None: the pager is quiet.");
            }
            for (HandoffFacts.Incident i : incidents.shown()) {
                body.add("- #" + i.number() + " " + i.title() + " (" + i.status() + ") " + i.url());
            }
            if (incidents.total() > incidents.shown().size()) {
                body.add("- and " + (incidents.total() - incidents.shown().size()) + " more");
            }
        }
        return Notification.of(key, Notification.Kind.REPORT, Subject.of("schedule", schedule.id()).toString(), HANDOFF_EVENT,
                schedule.orgSlug(), title)
                .opening(schedule.url())
                .withBody(String.join("\n", body))
                .withReason("Your on-call shift starts soon", null, now);
    }

    /** A gap: nobody on call from {@code start} to {@code end} ({@code endKnown} false: at least until then, as far as it was looked at). */
    record Gap(Instant start, Instant end, boolean endKnown) {}

    /** The warning to a schedule's team about the gaps newly found on it (one message, however many). */
    static Notification gaps(String key, Schedule schedule, List<Gap> gaps, Instant now) {
        Gap first = gaps.get(0);
        String title = "Nobody is on call on " + schedule.name() + " from " + from(first, schedule.zone(), now)
                + (gaps.size() == 1 ? "" : " (and " + (gaps.size() - 1) + " more " + (gaps.size() == 2 ? "gap" : "gaps") + ")");
        List<String> body = new ArrayList<>();
        body.add("Nobody is on call on " + schedule.name() + " (times in " + schedule.zone().getId() + "):");
        for (Gap g : gaps) {
            body.add("- from " + from(g, schedule.zone(), now) + (g.endKnown() ? " until " : " until at least ") + at(g.end(), schedule.zone()));
        }
        body.add("");
        body.add("Pages that reach this schedule then reach no one. Add someone to a layer, or an override for those times: "
                + schedule.url());
        return Notification.of(key, Notification.Kind.REPORT, Subject.of("schedule", schedule.id()).toString(), GAP_EVENT,
                schedule.orgSlug(), title)
                .opening(schedule.url())
                .withBody(String.join("\n", body))
                .withReason("A gap in the on-call schedule", null, now);
    }

    private static String from(Gap g, ZoneId zone, Instant now) {
        return g.start().isAfter(now) ? at(g.start(), zone) : "now";
    }

    /** {@code Mon Dec 7, 09:00} in the zone. */
    static String at(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }
}
