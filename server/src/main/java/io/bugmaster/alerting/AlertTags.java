package io.bugmaster.alerting;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tags a project chose to show in its alert messages: a list of tag keys, in display order.
 * A key's value comes from the event's tags, or else from what Bugmaster knows of the event
 * (environment, release, level, url, browser, os); keys without a value are left out.
 */
@PureLogic
public final class AlertTags {
    /** What a project shows until it chooses. */
    public static final List<String> DEFAULT = List.of("environment", "release", "level", "browser", "os", "url");
    public static final int MAX_KEYS = 20;
    /** Longest value shown; event data can be long. */
    static final int MAX_VALUE = 200;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:@/-]{1,64}");

    private AlertTags() {}

    /**
     * Parses keys separated by commas, spaces or line breaks, keeping their order and dropping
     * repeats. Blank means the default.
     *
     * @throws InvalidInputException (field {@code tags}) for a key that is not a tag key or too many keys
     */
    public static List<String> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String part : raw.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!KEY.matcher(part).matches()) {
                throw new InvalidInputException("tags", "'" + (part.length() > 70 ? part.substring(0, 70) + "…" : part)
                        + "' is not a tag key (letters, digits and _ . : @ / -, at most 64)");
            }
            keys.add(part);
        }
        if (keys.size() > MAX_KEYS) {
            throw new InvalidInputException("tags", "at most " + MAX_KEYS + " tags, got " + keys.size());
        }
        return keys.isEmpty() ? DEFAULT : List.copyOf(keys);
    }

    /** The keys as stored and shown in a form: comma-separated. */
    public static String format(List<String> keys) {
        return String.join(", ", keys);
    }

    /**
     * The tags to put in a message, in the chosen order.
     *
     * @param eventTags the latest event's tags
     * @param known what Bugmaster knows of the event by the same names (environment, release, level, url, browser, os)
     */
    public static Map<String, String> select(List<String> keys, Map<String, String> eventTags, Map<String, String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String value = eventTags.get(key);
            if (value == null || value.isBlank()) {
                value = known.get(key);
            }
            if (value != null && !value.isBlank()) {
                out.put(key, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE - 1) + "…" : value);
            }
        }
        return out;
    }

    /** Browser or OS from an event's contexts: {@code name version}, or null. */
    public static String nameAndVersion(String name, String version) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return version == null || version.isBlank() ? name : name + " " + version;
    }
}
