package io.bugmaster.oncall.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A stored schedule: its definition's layers (overrides and temporary schedules are stored apart, they
 * come and go), and {@code recordedUntil}, up to which its shifts are history rather than computed.
 */
public record Schedule(long id, long orgId, String name, ZoneId zone, String description, Long teamId, List<Layer> layers,
        Instant createdAt, Instant updatedAt, Instant recordedUntil) {
    public Schedule {
        layers = List.copyOf(layers);
    }

    /** Everyone who takes turns on a layer, each once, in order of first appearance. */
    public List<Long> members() {
        return layers.stream().flatMap(l -> l.users().stream()).distinct().toList();
    }
}
