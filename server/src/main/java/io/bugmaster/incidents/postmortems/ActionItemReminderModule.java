package io.bugmaster.incidents.postmortems;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.Subject;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Overdue action items remind their owner by email, once a day while they stay open and overdue
 * (due day over, in UTC). Each reminder is claimed with a conditional update of the item's
 * {@code last_reminded_at} in the transaction that queues the email, so two nodes never both send it.
 */
@Component
class ActionItemReminderModule implements EngineModule {
    static final Duration EVERY = Duration.ofDays(1);
    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(ActionItemReminderModule.class);

    private final ActionItemStore store;
    private final Incidents incidents;
    private final Directory directory;
    private final NotificationQueue queue;
    private final PostmortemLinks links;
    private final Transactions tx;

    ActionItemReminderModule(ActionItemStore store, Incidents incidents, Directory directory, NotificationQueue queue, PostmortemLinks links,
            Transactions tx) {
        this.store = store;
        this.incidents = incidents;
        this.directory = directory;
        this.queue = queue;
        this.links = links;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "action-item-reminders";
    }

    @Override
    public void run(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (ActionItem item : store.overdueToRemind(today, now.minus(EVERY), BATCH)) {
            try {
                remind(item, today, now);
            } catch (RuntimeException e) {
                log.error("the reminder of action item {} failed; it is tried again on the next run", item.id(), e);
            }
        }
    }

    private void remind(ActionItem item, LocalDate today, Instant now) {
        Optional<Directory.Person> owner = directory.joinedMember(item.orgId(), item.ownerUserId());
        Optional<String> org = directory.orgSlug(item.orgId());
        Optional<Incident> incident = incidents.byId(item.incidentId());
        tx.write(() -> {
            // an owner who left is not reminded (the lists show "nobody (left)"); the claim still moves the item out of the next runs' way
            if (store.claimReminder(item.id(), item.lastRemindedAt(), now) && owner.isPresent() && org.isPresent() && incident.isPresent()) {
                queue.enqueue(item.orgId(), Recipient.email(owner.get().email()), message(item, incident.get(), org.get(), today, now));
            }
        });
    }

    private Notification message(ActionItem item, Incident incident, String org, LocalDate today, Instant now) {
        long late = java.time.temporal.ChronoUnit.DAYS.between(item.dueDate(), today);
        String incidentUrl = links.incident(org, incident.number());
        String body = String.join("\n",
                "You own this action item of incident #" + incident.number() + " (" + incident.title() + "):",
                "",
                "  " + item.title(),
                "",
                "It was due " + item.dueDate() + " (" + late + (late == 1 ? " day" : " days") + " ago) and is still open.",
                item.externalUrl() == null ? "" : "Ticket: " + item.externalUrl(),
                "Mark it done, or move its due date, on the incident's page: " + incidentUrl,
                "Every open action item of the organization: " + links.openActions(org));
        return Notification.of("action-item:" + item.id() + ":" + today, Notification.Kind.WORKFLOW,
                        Subject.of("incident", incident.id()).toString(), "incident.action_item_overdue", org,
                        "Overdue action item: " + item.title())
                .opening(incidentUrl)
                .withBody(body)
                .withReason("You own an overdue action item", null, now);
    }
}
