package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rotation of a schedule: {@code users} take turns of {@code turnLength} in order, the first turn
 * starting at {@code rotationVirtualStart} (PagerDuty's name: the rotation is counted from there even
 * if the layer itself starts later). The layer is in force from {@code start} until {@code end}
 * (null: no end); restrictions, when there are any, narrow it to their windows.
 */
@PureLogic
public record Layer(String name, Instant start, Instant end, Instant rotationVirtualStart, TurnLength turnLength,
        List<Long> users, List<Restriction> restrictions) {
    public Layer {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(rotationVirtualStart, "rotationVirtualStart");
        Objects.requireNonNull(turnLength, "turnLength");
        users = List.copyOf(users);
        restrictions = List.copyOf(restrictions);
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("a layer ends after it starts");
        }
    }
}
