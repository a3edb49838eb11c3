package io.bugmaster.oncall;

import io.bugmaster.notify.Notification;
import java.util.Objects;

/**
 * Pages one person: reaches them through their contact methods as their notification rules for the
 * urgency say ("at once by push and email, after 5 minutes by SMS"), until the subject is stopped.
 * Incidents say who and what; the pager says how and when.
 */
public interface Pager {

    /**
     * Starts paging the person. Idempotent per {@code pageKey}: the same key twice pages once (an
     * escalation step handled again after a crash). The notification is already made for this person
     * (its action links are theirs); each contact method gets it under its own idempotency key.
     */
    void page(PageRequest request);

    /** Stops every pending notification of pages about the subject: it was acknowledged or resolved. */
    void stop(long orgId, String subject);

    /**
     * @param subject what the page is about, {@code incident:7}; {@link #stop} matches it
     * @param pageKey unique per person and escalation step, {@code incident:7:level:1:loop:0:user:5}
     */
    record PageRequest(long orgId, long userId, String subject, String pageKey, Urgency urgency, Notification notification) {
        public PageRequest {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(pageKey, "pageKey");
            Objects.requireNonNull(urgency, "urgency");
            Objects.requireNonNull(notification, "notification");
        }
    }
}
