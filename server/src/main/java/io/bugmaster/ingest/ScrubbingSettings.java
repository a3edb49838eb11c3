package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A project's data scrubbing settings.
 *
 * @param enabled         scrub at all (on by default)
 * @param sensitiveFields more field names to filter, matched like the defaults (substring, any case)
 * @param safeFields      field names never filtered (exact, any case), such as {@code author}
 */
@PureLogic
public record ScrubbingSettings(boolean enabled, Set<String> sensitiveFields, Set<String> safeFields) {

    public ScrubbingSettings {
        sensitiveFields = lower(sensitiveFields);
        safeFields = lower(safeFields);
    }

    public static ScrubbingSettings defaults() {
        return new ScrubbingSettings(true, Set.of(), Set.of());
    }

    public static ScrubbingSettings disabled() {
        return new ScrubbingSettings(false, Set.of(), Set.of());
    }

    private static Set<String> lower(Set<String> names) {
        if (names == null) {
            return Set.of();
        }
        return names.stream().filter(name -> name != null && !name.isBlank())
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Convenience for settings stored as lists. */
    public static ScrubbingSettings of(boolean enabled, List<String> sensitiveFields, List<String> safeFields) {
        return new ScrubbingSettings(enabled, Set.copyOf(sensitiveFields), Set.copyOf(safeFields));
    }
}
