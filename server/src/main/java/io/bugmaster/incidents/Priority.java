package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * One of an organization's incident priorities: level 1 is the most severe ("P1"). An open incident
 * of this priority with no status update for {@code updateReminderMinutes} gets a reminder (null: never).
 */
@PureLogic
public record Priority(int level, String label, String description, Integer updateReminderMinutes) {

    /** The severity guide shown when declaring. */
    public static final String GUIDE = "If unsure, pick the higher priority: it is cheaper to lower it later than to wake people late.";

    /** The priorities of an organization that has not written its own. */
    public static final List<Priority> DEFAULTS = List.of(
            new Priority(1, "P1", "Critical: the product is down or unusable for most customers, or data is being lost.", 30),
            new Priority(2, "P2", "Major: a key feature is broken for many customers (orders, payments, login), no workaround.", 60),
            new Priority(3, "P3", "Moderate: a feature is degraded or broken for some customers; a workaround exists.", 240),
            new Priority(4, "P4", "Minor: a small part of the product misbehaves; customers barely notice.", null),
            new Priority(5, "P5", "Cosmetic or informational: worth tracking, no customer impact.", null));
}
