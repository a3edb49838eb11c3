package io.bugmaster.oncall;

import io.bugmaster.notify.Notification;
import java.time.Instant;
import java.util.List;
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
     * What the pages about the subject did, oldest first and bounded: each message to a person's
     * contact method, and each later rule still waiting or stopped ("after 5 minutes by SMS").
     */
    List<Delivery> deliveries(long orgId, String subject);

    /**
     * One message of a page to one contact method.
     *
     * @param key unique and stable: the message's idempotency key, or {@code step:<id>} for a later rule not queued yet
     * @param method the contact method's kind in words ("Push (ntfy)"), null when it was deleted since
     * @param label the name its owner gave it ("Work phone"), null when deleted
     * @param status delivered, failed, pending (queued or waiting for a retry), skipped (not sent, the page was stopped),
     *        scheduled (a later rule, not queued yet)
     * @param at when it was last tried (delivered or failed), queued (pending, skipped) or is due (scheduled)
     * @param detail why it failed or was skipped, else null
     */
    record Delivery(String key, long userId, long contactMethodId, String method, String label, String status, Instant at, String detail) {}

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
