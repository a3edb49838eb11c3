package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * The outcome of one strategy for one event. {@code hash} is 32 lower-case hex characters, the MD5
 * of the contributing components (see {@link Hashing}); {@code variant} is one of
 * {@code fingerprint, stacktrace, exception, message, fallback}.
 */
@PureLogic
public record GroupingResult(String strategy, String hash, String variant, List<Component> components) {

    public static final String FINGERPRINT = "fingerprint";
    public static final String STACKTRACE = "stacktrace";
    public static final String EXCEPTION = "exception";
    public static final String MESSAGE = "message";
    public static final String FALLBACK = "fallback";

    public GroupingResult {
        components = List.copyOf(components);
    }

    /** The components that went into the hash, in hash order. */
    public List<Component> contributing() {
        return components.stream().filter(Component::contributes).toList();
    }
}
