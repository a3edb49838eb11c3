package io.bugmaster.incidents;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.SignedPayload;
import io.bugmaster.incidents.IncidentActions.By;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * One-click links in a page ("Acknowledge", "Resolve"): each signed for one person and one incident,
 * single-purpose, expiring after {@link IncidentActions#LINK_LIFETIME}. Opening one ({@link #check})
 * never acts: mail scanners open links by themselves. A POST to the same address ({@link #use})
 * acts once, as the person it was sent to, while they are still a member of the organization.
 */
@Service
public class IncidentLinks {
    private static final Duration KEEP_USES = Duration.ofDays(1);

    private final IncidentActions actions;
    private final IncidentStore incidents;
    private final ServiceStore services;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    IncidentLinks(IncidentActions actions, IncidentStore incidents, ServiceStore services, Directory directory, Transactions tx, Clock clock) {
        this.actions = actions;
        this.incidents = incidents;
        this.services = services;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    public enum Refusal {
        INVALID(404), EXPIRED(410), USED(409), INCIDENT_GONE(404), PERSON_GONE(403);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What opening or using a link comes to: a refusal, or what it does (or did) to which incident.
     * {@code alreadyDone}: the incident already is as the action would make it.
     */
    public record Outcome(Refusal refusal, IncidentLinkToken.Action action, Incident incident, ServiceDefinition service, String person,
            boolean alreadyDone, boolean acted, Instant usedAt) {
        public boolean refused() {
            return refusal != null;
        }
    }

    public Outcome check(String token) {
        return tx.read(() -> examine(token, clock.instant()));
    }

    public Outcome use(String token) {
        return tx.write(() -> {
            Instant now = clock.instant();
            Outcome o = examine(token, now);
            if (o.refused() || o.alreadyDone()) {
                return o;
            }
            IncidentLinkToken.Claims c = IncidentLinkToken.verify(actions.linkKey(), token);
            incidents.forgetExpiredLinks(now.minus(KEEP_USES));
            if (!incidents.useLink(c.id(), c.incidentId(), now, c.expiresAt())) {
                return new Outcome(Refusal.USED, c.action(), o.incident(), o.service(), o.person(), false, false,
                        incidents.linkUsedAt(c.id()).orElse(null));
            }
            Incident i = incidents.findForUpdate(c.incidentId()).orElseThrow();
            By by = new By(c.userId(), o.person(), "a link in a page to " + o.person());
            boolean acted = c.action() == IncidentLinkToken.Action.ACKNOWLEDGE ? actions.acknowledge(i, by, now)
                    : actions.resolve(i, by, "Resolved by " + o.person() + " through a link in a page", now);
            return new Outcome(null, c.action(), incidents.find(i.id()).orElseThrow(), o.service(), o.person(), !acted, acted, now);
        });
    }

    private Outcome examine(String token, Instant now) {
        IncidentLinkToken.Claims c;
        try {
            c = IncidentLinkToken.verify(actions.linkKey(), token);
        } catch (SignedPayload.Invalid e) {
            return new Outcome(Refusal.INVALID, null, null, null, null, false, false, null);
        }
        Optional<Incident> found = incidents.find(c.incidentId()).filter(i -> i.orgId() == c.orgId());
        ServiceDefinition service = found.flatMap(i -> services.find(i.orgId(), i.serviceId())).orElse(null);
        if (c.expired(now)) {
            return new Outcome(Refusal.EXPIRED, c.action(), found.orElse(null), service, null, false, false, null);
        }
        if (found.isEmpty()) {
            return new Outcome(Refusal.INCIDENT_GONE, c.action(), null, null, null, false, false, null);
        }
        Optional<Directory.Person> person = directory.joinedMember(c.orgId(), c.userId());
        if (person.isEmpty()) {
            return new Outcome(Refusal.PERSON_GONE, c.action(), found.get(), service, null, false, false, null);
        }
        Optional<Instant> used = incidents.linkUsedAt(c.id());
        if (used.isPresent()) {
            return new Outcome(Refusal.USED, c.action(), found.get(), service, person.get().email(), false, false, used.get());
        }
        IncidentStatus status = found.get().status();
        boolean done = status == IncidentStatus.RESOLVED
                || (c.action() == IncidentLinkToken.Action.ACKNOWLEDGE && status == IncidentStatus.ACKNOWLEDGED);
        return new Outcome(null, c.action(), found.get(), service, person.get().email(), done, false, null);
    }
}
