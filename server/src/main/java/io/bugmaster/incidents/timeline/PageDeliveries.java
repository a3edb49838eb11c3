package io.bugmaster.incidents.timeline;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.TimelineSource;
import io.bugmaster.oncall.Pager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The timeline's view of paging: each message of each page about the incident, whom it reached by
 * which contact method and how it ended ("Page to ana@example.com by Push (ntfy) “Phone”: delivered").
 */
@Component
class PageDeliveries implements TimelineSource {
    static final String KIND = "delivery";

    private final Pager pager;
    private final Directory directory;

    PageDeliveries(Pager pager, Directory directory) {
        this.pager = pager;
        this.directory = directory;
    }

    @Override
    public List<TimelineEntry> entries(Incident incident, Instant now) {
        List<Pager.Delivery> deliveries = pager.deliveries(incident.orgId(), incident.subject());
        Map<Long, Directory.Person> people = directory.people(deliveries.stream().map(Pager.Delivery::userId).distinct().toList());
        List<TimelineEntry> out = new ArrayList<>();
        for (Pager.Delivery d : deliveries) {
            Directory.Person person = people.get(d.userId());
            out.add(new TimelineEntry(KIND + ":" + d.key(), d.at(), KIND, d.userId(), null, d.method(),
                    message(person == null ? "user " + d.userId() : person.email(), d), null, true, false));
        }
        return out;
    }

    static String message(String who, Pager.Delivery d) {
        String how = d.method() == null ? "a contact method since deleted" : d.method() + (d.label() == null || d.label().isBlank() ? ""
                : " “" + d.label() + "”");
        String outcome = switch (d.status()) {
            case "delivered" -> "delivered";
            case "failed" -> "failed" + (d.detail() == null ? "" : " (" + d.detail() + ")");
            case "pending" -> d.detail() == null ? "queued" : "retrying (" + d.detail() + ")";
            case "scheduled" -> "due at this time unless the incident is acknowledged first";
            case "skipped" -> d.detail() == null ? "not sent" : d.detail();
            default -> d.status();
        };
        return "Page to " + who + " by " + how + ": " + outcome;
    }
}
