package io.bugmaster.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The way into a service for alerts from outside (PagerDuty Events v2, Alertmanager, a generic
 * webhook) and from Bugmaster itself (an alert rule's "page a service"). The receivers parse and
 * validate; this applies PagerDuty's dedup semantics: follow-ups touch only the open alert with that
 * key on that integration, a trigger after a resolve opens a new alert, acknowledge or resolve for
 * an unknown key is dropped.
 */
public interface AlertIntake {

    /** The integration that owns this secret key (compared in constant time by its hash), if any. */
    Optional<Integration> integrationByKey(String integrationKey);

    /** Applies one alert event to the integration's service, durably, before answering. */
    Outcome apply(Integration integration, InboundAlert alert);

    /** Records a change event (PagerDuty {@code /v2/change/enqueue}): shown on incidents, never notifies. */
    void recordChange(Integration integration, InboundChange change);

    /** An integration of a service: {@code events_api_v2}, {@code alertmanager} or {@code generic}. */
    record Integration(long id, long orgId, long serviceId, String type) {}

    enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    /**
     * One alert event, already validated. {@code dedupKey} null on a trigger means "a new alert"
     * (the intake makes one and answers it). Severity is PagerDuty's word: critical, error, warning, info.
     */
    record InboundAlert(Action action, String dedupKey, String summary, String source, String severity,
            Instant timestamp, String component, String group, String className,
            Map<String, Object> details, List<Link> links, String client, String clientUrl) {
        public InboundAlert {
            Objects.requireNonNull(action, "action");
            details = details == null ? Map.of() : details;
            links = links == null ? List.of() : List.copyOf(links);
        }
    }

    record Link(String href, String text) {}

    record InboundChange(String summary, String source, Instant timestamp, Map<String, Object> details, List<Link> links) {}

    /** What the event did: the dedup key to answer, and whether it changed anything. */
    record Outcome(String dedupKey, Result result) {}

    enum Result {
        /** a new alert was opened */
        OPENED,
        /** the open alert with that key was updated (a repeated trigger) */
        UPDATED,
        ACKNOWLEDGED,
        RESOLVED,
        /** acknowledge or resolve for a key with no open alert: dropped, as PagerDuty does */
        DROPPED
    }
}
