package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.Urgency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A service (PagerDuty's): what alerts are about and who they page. {@code teamId} and
 * {@code escalationPolicyId} may be null (no team; nobody is paged). Timeouts are in seconds, null for never.
 * {@code projectIds}: the Sentry projects the service runs (what changed before its incidents is looked for in them).
 */
@PureLogic
public record ServiceDefinition(long id, long orgId, String name, String description, Long teamId, Long escalationPolicyId,
        String runbook, UrgencyRule urgencyRule, SupportHours supportHours, Integer acknowledgementTimeout,
        Integer autoResolveTimeout, Grouping grouping, Instant createdAt, Instant updatedAt, List<Long> projectIds) {

    public static final int DEFAULT_ACK_TIMEOUT = 1800;

    public ServiceDefinition {
        projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
    }

    /** How an incident's urgency is chosen. */
    public enum UrgencyRule {
        HIGH("high"), LOW("low"),
        /** from the alert's severity: critical and error are high, warning and info low */
        SEVERITY_BASED("severity_based"),
        /** high within the support hours, low outside them */
        SUPPORT_HOURS("support_hours");

        private final String id;

        UrgencyRule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static java.util.Optional<UrgencyRule> parse(String id) {
            for (UrgencyRule r : values()) {
                if (r.id.equals(id)) {
                    return java.util.Optional.of(r);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Support hours: the days of the week and the local times, in a zone, when incidents are high urgency. */
    public record SupportHours(ZoneId timeZone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        public SupportHours {
            Objects.requireNonNull(timeZone, "timeZone");
            days = Set.copyOf(days);
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        public boolean covers(Instant at) {
            ZonedDateTime local = at.atZone(timeZone);
            LocalTime time = local.toLocalTime();
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** Alert grouping: each alert its own incident; alerts within a window join the open incident; or alerts alike in chosen fields. */
    public record Grouping(Type type, Integer windowMinutes, List<String> fields) {
        public Grouping {
            Objects.requireNonNull(type, "type");
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        public static final Grouping NONE = new Grouping(Type.NONE, null, List.of());

        public enum Type {
            NONE("none"), TIME_WINDOW("time_window"), BY_FIELDS("by_fields");

            private final String id;

            Type(String id) {
                this.id = id;
            }

            public String id() {
                return id;
            }

            public static java.util.Optional<Type> parse(String id) {
                for (Type t : values()) {
                    if (t.id.equals(id)) {
                        return java.util.Optional.of(t);
                    }
                }
                return java.util.Optional.empty();
            }
        }
    }

    /** The urgency of a new incident from an alert of this severity at this moment. */
    public Urgency urgencyOf(String severity, Instant at) {
        return switch (urgencyRule) {
            case HIGH -> Urgency.HIGH;
            case LOW -> Urgency.LOW;
            case SEVERITY_BASED -> "critical".equals(severity) || "error".equals(severity) ? Urgency.HIGH : Urgency.LOW;
            case SUPPORT_HOURS -> supportHours != null && supportHours.covers(at) ? Urgency.HIGH : Urgency.LOW;
        };
    }
}
