package io.bugmaster.oncall.notices;

import java.util.List;

/**
 * The open incidents a handoff notice lists: implemented by the incidents feature (on-call does not
 * know incidents). Without an implementation the notice leaves that part out.
 */
public interface HandoffFacts {

    /**
     * The open (triggered or acknowledged) incidents of the services whose escalation policies page
     * the schedule, newest first, at most {@code limit} of them, with how many there are in all; null
     * when no service's policy pages the schedule (the notice then says nothing about incidents).
     */
    OpenIncidents openIncidents(long orgId, long scheduleId, int limit);

    /** {@code total} open incidents, of which {@code shown} are listed. */
    record OpenIncidents(long total, List<Incident> shown) {
        public OpenIncidents {
            shown = List.copyOf(shown);
        }
    }

    /** One line of the list: {@code #42 Database down (acknowledged)} with a link to its page. */
    record Incident(long number, String title, String status, String url) {}
}
