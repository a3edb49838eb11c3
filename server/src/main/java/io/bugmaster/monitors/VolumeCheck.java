package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * An event-volume monitor's check, on Bugmaster's own data: the project's events of the last hour
 * (optionally only those with a tag value, a message containing a text, or a transaction name),
 * compared with the same hour of the previous {@code weeks} weeks. {@code direction}: drop, spike or
 * both; it fires when the count is more than {@code tolerancePercent} below the lowest (drop) or above
 * the highest (spike) of those weeks. Weeks with fewer than {@code minimumUsual} events are not a
 * baseline (quiet hours never fire).
 */
@PureLogic
public record VolumeCheck(String tagKey, String tagValue, String message, String transaction, String direction,
        int weeks, int tolerancePercent, long minimumUsual) {
    public static final List<String> DIRECTIONS = List.of("drop", "spike", "both");
    public static final int MAX_FILTER = 200;

    public VolumeCheck {
        direction = direction == null ? "drop" : direction;
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("an event-volume monitor's direction is one of " + DIRECTIONS + ", got: " + direction);
        }
        for (String filter : new String[] {tagKey, tagValue, message, transaction}) {
            if (filter != null && filter.length() > MAX_FILTER) {
                throw new IllegalArgumentException("an event-volume monitor's filters (tag, message, transaction) are at most "
                        + MAX_FILTER + " characters");
            }
        }
        if ((tagKey == null) != (tagValue == null)) {
            throw new IllegalArgumentException("an event-volume monitor's tag filter needs both a key and a value");
        }
        if (weeks < 1 || weeks > 8) {
            throw new IllegalArgumentException("an event-volume monitor compares with 1 to 8 previous weeks, got: " + weeks);
        }
        if (tolerancePercent < 0 || tolerancePercent > 1000) {
            throw new IllegalArgumentException("an event-volume monitor's tolerance is 0 to 1000 percent, got: " + tolerancePercent);
        }
        if (minimumUsual < 0) {
            throw new IllegalArgumentException("an event-volume monitor's minimum is 0 or more events");
        }
    }
}
