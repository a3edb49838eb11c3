package io.bugmaster.incidents;

import io.bugmaster.accounts.Directory;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The page about an incident for one person, as the escalation sends it ("[#42] title", the
 * service, its facts and runbook, the person's own acknowledge and resolve links), for the features
 * built on incidents that page people themselves (roles, responders) through the {@link io.bugmaster.oncall.Pager}.
 */
@Component
public class IncidentNotifications {
    private final IncidentActions actions;
    private final ServiceStore services;
    private final Directory directory;

    IncidentNotifications(IncidentActions actions, ServiceStore services, Directory directory) {
        this.actions = actions;
        this.services = services;
        this.directory = directory;
    }

    /**
     * @param key the notification's idempotency key (the page key)
     * @param event what it says happened, {@code incident.role_assigned}
     * @param reason why this person gets it, in words
     */
    public Notification forPerson(Incident i, long userId, String key, String event, String reason, Instant now) {
        ServiceDefinition s = services.find(i.orgId(), i.serviceId()).orElseThrow();
        return actions.notification(i, s, directory.orgSlug(i.orgId()).orElse(""), userId, key, event, reason, now);
    }
}
