package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.util.Optional;

/**
 * The stage people report an incident in (status pages' words): investigating, identified,
 * monitoring, resolved. The paging status (triggered, acknowledged, resolved) stays underneath;
 * resolving the incident sets both.
 */
@PureLogic
public enum IncidentStage {
    INVESTIGATING("investigating"), IDENTIFIED("identified"), MONITORING("monitoring"), RESOLVED("resolved");

    private final String id;

    IncidentStage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static IncidentStage of(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("unknown incident stage: " + id));
    }

    public static Optional<IncidentStage> parse(String id) {
        for (IncidentStage s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
