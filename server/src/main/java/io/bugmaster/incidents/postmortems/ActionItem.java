package io.bugmaster.incidents.postmortems;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A preventative action of an incident: what to do, who owns it, by when (a day; null: no date),
 * open or done, and the ticket that tracks it elsewhere ({@code externalUrl}, http or https).
 */
@PureLogic
public record ActionItem(long id, long orgId, long incidentId, String title, Long ownerUserId, LocalDate dueDate, boolean done,
        String externalUrl, Long createdBy, Instant createdAt, Instant doneAt, Instant lastRemindedAt) {

    /** Open and its due day is over (in UTC). */
    public boolean overdue(LocalDate today) {
        return !done && dueDate != null && dueDate.isBefore(today);
    }

    public String status() {
        return done ? "done" : "open";
    }
}
