package io.bugmaster.incidents;

import io.bugmaster.accounts.Directory;
import io.bugmaster.engine.Engine;
import io.bugmaster.incidents.IncidentActions.By;
import io.bugmaster.incidents.ServiceDefinition.Grouping;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.storage.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Alerts into incidents, with PagerDuty's dedup semantics per integration: a trigger with the key of
 * an alert that is not resolved updates it (no new page); otherwise it opens a new alert, which joins
 * an open incident as the service's grouping says or opens a new one (urgency from the service's
 * rule). Acknowledge and resolve touch only the alert with that key that is not resolved, and are
 * dropped for any other key. An incident whose alerts are all resolved is resolved. Each event is
 * one transaction, committed before the caller answers; the engine is poked to page at once.
 */
@Service
public class IncidentIntake implements AlertIntake, IncidentCommands {
    static final int MAX_DEDUP_KEY = 255;

    private final Services services;
    private final ServiceStore serviceStore;
    private final AlertStore alerts;
    private final IncidentStore incidents;
    private final IncidentActions actions;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;
    private final ObjectProvider<Engine> engine;

    IncidentIntake(Services services, ServiceStore serviceStore, AlertStore alerts, IncidentStore incidents, IncidentActions actions,
            Directory directory, Transactions tx, Clock clock, ObjectProvider<Engine> engine) {
        this.services = services;
        this.serviceStore = serviceStore;
        this.alerts = alerts;
        this.incidents = incidents;
        this.actions = actions;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
        this.engine = engine;
    }

    @Override
    public Optional<Integration> integrationByKey(String integrationKey) {
        return services.integrationByKey(integrationKey).map(IntegrationInfo::ref);
    }

    @Override
    public Outcome apply(Integration integration, InboundAlert alert) {
        return apply(integration.orgId(), integration.serviceId(), integration.id(), "integration:" + integration.id(),
                integration.type() + " integration", alert);
    }

    /**
     * An alert from Bugmaster itself (an alert rule's "page a service"): dedup keys are unique per
     * service among such alerts. Empty when the service is not the organization's.
     */
    public Optional<Outcome> applyToService(long orgId, long serviceId, InboundAlert alert, String via) {
        if (serviceStore.find(orgId, serviceId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply(orgId, serviceId, null, "service:" + serviceId, via, alert));
    }

    /**
     * Resolves the open alerts that Bugmaster itself opened with this key on any service of the
     * organization (an issue's pages, when the issue is resolved). Returns how many it resolved.
     */
    public int resolveBugmasterAlerts(long orgId, String dedupKey, String via) {
        int resolved = 0;
        for (long serviceId : alerts.servicesWithOpenKey(orgId, dedupKey)) {
            if (applyToService(orgId, serviceId, new InboundAlert(Action.RESOLVE, dedupKey, null, null, null, null, null, null, null, null,
                    null, null, null), via).map(o -> o.result() == AlertIntake.Result.RESOLVED).orElse(false)) {
                resolved++;
            }
        }
        return resolved;
    }

    private Outcome apply(long orgId, long serviceId, Long integrationId, String scope, String via, InboundAlert alert) {
        if (alert.dedupKey() != null && (alert.dedupKey().isEmpty() || alert.dedupKey().length() > MAX_DEDUP_KEY)) {
            throw new IllegalArgumentException("a dedup key is 1 to " + MAX_DEDUP_KEY + " characters");
        }
        Outcome outcome = tx.write(() -> {
            Instant now = clock.instant();
            ServiceDefinition s = serviceStore.find(orgId, serviceId).orElseThrow(() -> new IllegalStateException("no service " + serviceId));
            By by = new By(null, via, via);
            return switch (alert.action()) {
                case TRIGGER -> trigger(s, integrationId, scope, alert, by, now);
                case ACKNOWLEDGE -> acknowledge(scope, alert.dedupKey(), by, now);
                case RESOLVE -> resolve(scope, alert.dedupKey(), by, now);
            };
        });
        if (outcome.result() == AlertIntake.Result.OPENED) {
            engine.ifAvailable(Engine::poke);
        }
        return outcome;
    }

    private Outcome trigger(ServiceDefinition s, Long integrationId, String scope, InboundAlert a, By by, Instant now) {
        String key = a.dedupKey() != null ? a.dedupKey() : UUID.randomUUID().toString().replace("-", "");
        String summary = a.summary() == null || a.summary().isBlank() ? "(no summary)" : a.summary();
        String severity = a.severity() == null ? "critical" : a.severity();
        Map<String, Object> details = details(a);
        Optional<Alert> open = alerts.findOpen(scope, key);
        if (open.isPresent()) {
            // a repeated trigger: the alert is updated; an acknowledged one stays acknowledged and pages nobody
            alerts.retrigger(open.get().id(), summary, a.source(), severity, details, now);
            return new Outcome(key, AlertIntake.Result.UPDATED);
        }
        String groupKey = groupKey(s.grouping(), a, details);
        Instant since = s.grouping().type() == Grouping.Type.TIME_WINDOW ? now.minusSeconds(60L * s.grouping().windowMinutes()) : null;
        Optional<Incident> join = groupKey == null ? Optional.empty() : incidents.openToJoin(s.id(), groupKey, since);
        Incident incident;
        if (join.isPresent()) {
            incident = join.get();
            Instant autoResolve = s.autoResolveTimeout() == null ? null : now.plusSeconds(s.autoResolveTimeout());
            incidents.alertJoined(incident.id(), now, autoResolve);
            incidents.log(incident.id(), now, "alert", null, by.actor(), by.via(), "Alert added through " + by.via() + ": " + summary);
        } else {
            Urgency urgency = s.urgencyOf(severity, now);
            incident = actions.open(s, summary, urgency, groupKey, by, now);
        }
        alerts.insert(s.orgId(), s.id(), integrationId, scope, key, summary, a.source(), severity, details, incident.id(), now);
        return new Outcome(key, AlertIntake.Result.OPENED);
    }

    private Outcome acknowledge(String scope, String key, By by, Instant now) {
        Optional<Alert> open = key == null ? Optional.empty() : alerts.findOpen(scope, key);
        if (open.isEmpty()) {
            return new Outcome(key, AlertIntake.Result.DROPPED);
        }
        Alert alert = open.get();
        alerts.acknowledge(alert.id(), now);
        // the incident is acknowledged when none of its alerts is still triggered
        if (alerts.count(alert.incidentId(), Alert.OPEN) == 0) {
            incidents.findForUpdate(alert.incidentId()).ifPresent(i -> actions.acknowledge(i, by, now));
        }
        return new Outcome(key, AlertIntake.Result.ACKNOWLEDGED);
    }

    private Outcome resolve(String scope, String key, By by, Instant now) {
        Optional<Alert> open = key == null ? Optional.empty() : alerts.findOpen(scope, key);
        if (open.isEmpty()) {
            return new Outcome(key, AlertIntake.Result.DROPPED);
        }
        Alert alert = open.get();
        alerts.resolve(alert.id(), now);
        if (alerts.count(alert.incidentId(), Alert.OPEN) + alerts.count(alert.incidentId(), Alert.ACKNOWLEDGED) == 0) {
            incidents.findForUpdate(alert.incidentId()).ifPresent(i -> actions.resolve(i, by,
                    "Resolved through " + by.via() + ": every alert of the incident is resolved", now));
        }
        return new Outcome(key, AlertIntake.Result.RESOLVED);
    }

    @Override
    public void recordChange(Integration integration, InboundChange change) {
        Instant now = clock.instant();
        List<Map<String, String>> links = new ArrayList<>();
        for (Link l : change.links() == null ? List.<Link>of() : change.links()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("href", l.href());
            m.put("text", l.text());
            links.add(m);
        }
        tx.write(() -> alerts.insertChange(integration.orgId(), integration.serviceId(), integration.id(),
                change.summary() == null ? "(no summary)" : change.summary(), change.source(),
                change.timestamp() == null ? now : change.timestamp(), change.details() == null ? Map.of() : change.details(), links, now));
    }

    @Override
    public IncidentCommands.Result acknowledge(long orgId, long incidentNumber, long userId, String via) {
        return command(orgId, incidentNumber, userId, via, true);
    }

    @Override
    public IncidentCommands.Result resolve(long orgId, long incidentNumber, long userId, String via) {
        return command(orgId, incidentNumber, userId, via, false);
    }

    private IncidentCommands.Result command(long orgId, long number, long userId, String via, boolean ack) {
        Optional<Directory.Person> person = directory.joinedMember(orgId, userId);
        if (person.isEmpty()) {
            return IncidentCommands.Result.FORBIDDEN;
        }
        return tx.write(() -> {
            Optional<Incident> found = incidents.findByNumber(orgId, number).flatMap(i -> incidents.findForUpdate(i.id()));
            if (found.isEmpty()) {
                return IncidentCommands.Result.NOT_FOUND;
            }
            By by = new By(userId, person.get().email(), via);
            Instant now = clock.instant();
            boolean done = ack ? actions.acknowledge(found.get(), by, now)
                    : actions.resolve(found.get(), by, "Resolved by " + person.get().email() + " via " + via, now);
            return done ? IncidentCommands.Result.DONE : IncidentCommands.Result.ALREADY;
        });
    }

    /** PagerDuty's payload fields besides the summary, and the custom details, as the alert's details. */
    private static Map<String, Object> details(InboundAlert a) {
        Map<String, Object> d = new LinkedHashMap<>();
        putIfSet(d, "source", a.source());
        putIfSet(d, "severity", a.severity());
        putIfSet(d, "component", a.component());
        putIfSet(d, "group", a.group());
        putIfSet(d, "class", a.className());
        putIfSet(d, "client", a.client());
        putIfSet(d, "client_url", a.clientUrl());
        if (a.timestamp() != null) {
            d.put("timestamp", a.timestamp().toString());
        }
        if (!a.details().isEmpty()) {
            d.put("custom_details", a.details());
        }
        if (!a.links().isEmpty()) {
            d.put("links", a.links().stream().map(l -> {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("href", l.href());
                m.put("text", l.text());
                return m;
            }).toList());
        }
        return d;
    }

    private static void putIfSet(Map<String, Object> d, String key, String value) {
        if (value != null) {
            d.put(key, value);
        }
    }

    /**
     * Which open incident a new alert may join: none (each alert its own incident), one per service
     * (time window), or one per set of values of the chosen fields (a payload field or a custom detail).
     */
    static String groupKey(Grouping g, InboundAlert a, Map<String, Object> details) {
        return switch (g.type()) {
            case NONE -> null;
            case TIME_WINDOW -> "window";
            case BY_FIELDS -> {
                StringBuilder values = new StringBuilder();
                Object custom = details.get("custom_details");
                for (String field : g.fields()) {
                    Object v = details.containsKey(field) ? details.get(field)
                            : custom instanceof Map<?, ?> m ? m.get(field) : null;
                    values.append(field).append('=').append(v == null ? "" : v.toString()).append('\n');
                }
                yield "fields:" + sha256(values.toString());
            }
        };
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
