package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;

/** PagerDuty's incident statuses. */
@PureLogic
public enum IncidentStatus {
    TRIGGERED("triggered"), ACKNOWLEDGED("acknowledged"), RESOLVED("resolved");

    private final String id;

    IncidentStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static IncidentStatus of(String id) {
        for (IncidentStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown incident status: " + id);
    }

    public static java.util.Optional<IncidentStatus> parse(String id) {
        for (IncidentStatus s : values()) {
            if (s.id.equals(id)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
