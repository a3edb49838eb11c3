package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of incident communication, transport-neutral: a status update for stakeholders
 * ({@code [#42 P2] Investigating: Brands see no orders} with the text, stage, priority and
 * services), a note or milestone for engineers, and the reminder to post an update. Titles and
 * texts are people's words: every transport escapes them.
 */
@PureLogic
public final class CommsMessages {
    private CommsMessages() {}

    /**
     * What every message says about the incident: number, title, priority label (null until set),
     * stage, the impacted services' names, its page and the situation room (or null).
     */
    public record Facts(long incidentId, long number, String title, String priority, String stage, List<String> services, String orgSlug,
            String link, String situationRoom) {
        String subject() {
            return "incident:" + incidentId;
        }

        /** {@code [#42 P2]}, or {@code [#42]} before a priority is set. */
        String tag() {
            return "[#" + number + (priority == null ? "" : " " + priority) + "]";
        }
    }

    /** The status update for stakeholders: {@code [#42 P2] Identified: Brands see no orders}, the text as its body. */
    public static Notification statusUpdate(String key, Facts f, StatusUpdate u, String by, Instant now) {
        List<Notification.Field> fields = new ArrayList<>();
        fields.add(new Notification.Field("Stage", capitalized(u.stage())));
        if (f.priority() != null) {
            fields.add(new Notification.Field("Priority", f.priority()));
        }
        if (!f.services().isEmpty()) {
            fields.add(new Notification.Field(f.services().size() == 1 ? "Service" : "Services", String.join(", ", f.services())));
        }
        fields.add(new Notification.Field("Posted by", by));
        Map<String, Object> data = data(f);
        data.put("status_update", Map.of("id", Long.toString(u.id()), "stage", u.stage(), "message", u.message(), "posted_by", by,
                "at", u.at().toString()));
        return Notification.of(key, Notification.Kind.REPORT, f.subject(), "incident.status_update", f.orgSlug(),
                        f.tag() + " " + capitalized(u.stage()) + ": " + f.title())
                .withFields(fields).withBody(u.message()).withLinks(links(f)).withActions(actions(f))
                .withReason("Status update by " + by, null, now).withData(data);
    }

    /**
     * A technical note or a milestone for the engineers' channel: {@code [#42 P2] Note: title}, who
     * or what as the reason, the words as the body.
     */
    public static Notification techPost(String key, Facts f, String event, String what, String reason, String text, Instant now) {
        List<Notification.Field> fields = new ArrayList<>();
        fields.add(new Notification.Field("Stage", capitalized(f.stage())));
        if (f.priority() != null) {
            fields.add(new Notification.Field("Priority", f.priority()));
        }
        if (!f.services().isEmpty()) {
            fields.add(new Notification.Field(f.services().size() == 1 ? "Service" : "Services", String.join(", ", f.services())));
        }
        Map<String, Object> data = data(f);
        data.put("text", text);
        return Notification.of(key, Notification.Kind.REPORT, f.subject(), event, f.orgSlug(), f.tag() + " " + what + ": " + f.title())
                .withFields(fields).withBody(text).withLinks(links(f)).withActions(actions(f)).withReason(reason, null, now).withData(data);
    }

    /** The reminder to one person: stakeholders have heard nothing for a while. */
    public static Notification reminder(String key, Facts f, String quietFor, int periodMinutes, Instant now) {
        String why = "No status update for " + quietFor + (f.priority() == null ? "" : "; " + f.priority() + " incidents get one at least every "
                + periodMinutes + " minutes");
        return Notification.of(key, Notification.Kind.WORKFLOW, f.subject(), "incident.update_reminder", f.orgSlug(),
                        f.tag() + " Post a status update: " + f.title())
                .withFields(List.of(new Notification.Field("Stage", capitalized(f.stage())),
                        new Notification.Field("Services", String.join(", ", f.services()))))
                .withBody("Stakeholders have heard nothing about this incident for " + quietFor + ". Post a status update on its page: "
                        + "what is known, what is being done, and when the next update comes.")
                .withLinks(links(f)).withActions(actions(f)).withReason(why, null, now).withData(data(f));
    }

    private static List<Notification.Link> links(Facts f) {
        List<Notification.Link> links = new ArrayList<>();
        links.add(new Notification.Link(Notification.OPEN, f.link()));
        if (f.situationRoom() != null) {
            links.add(new Notification.Link("Situation room", f.situationRoom()));
        }
        return links;
    }

    private static List<Notification.Action> actions(Facts f) {
        return List.of(new Notification.Action(Notification.Action.Type.OPEN, Notification.OPEN, f.link()));
    }

    private static Map<String, Object> data(Facts f) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incident_number", f.number());
        data.put("title", f.title());
        data.put("priority", f.priority());
        data.put("stage", f.stage());
        data.put("services", f.services());
        if (f.situationRoom() != null) {
            data.put("situation_room_url", f.situationRoom());
        }
        return data;
    }

    static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
