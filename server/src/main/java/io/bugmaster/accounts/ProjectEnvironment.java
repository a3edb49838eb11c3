package io.bugmaster.accounts;

import java.time.Instant;

/**
 * An environment a project's events named (recorded by the digest the first time it sees it).
 * A hidden environment is left out of environment pickers; its events are kept as before.
 */
public record ProjectEnvironment(String name, Instant firstSeen, boolean hidden) {

    /** Which environments a list shows: Sentry's {@code ?visibility=visible|hidden|all}. */
    public enum Visibility {
        VISIBLE, HIDDEN, ALL;

        /** Null or blank means visible, as in Sentry. */
        public static Visibility parse(String value) {
            if (value == null || value.isBlank()) {
                return VISIBLE;
            }
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "visible" -> VISIBLE;
                case "hidden" -> HIDDEN;
                case "all" -> ALL;
                default -> throw new io.bugmaster.common.InvalidInputException("visibility",
                        "must be visible, hidden or all, got '" + value + "'");
            };
        }
    }
}
