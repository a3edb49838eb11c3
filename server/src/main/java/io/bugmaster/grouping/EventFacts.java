package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts derived from an event that several parts need: the main exception, the crashing frame, variables. */
@PureLogic
public final class EventFacts {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s{0,20}([A-Za-z0-9_.\\-]{1,200})\\s{0,20}\\}\\}");
    private static final List<String> VARIABLES = List.of(
            "default", "type", "error.type", "value", "error.value", "message", "transaction", "level", "logger",
            "release", "environment", "module", "stack.module", "function", "stack.function");

    private EventFacts() {}

    /** The exception the issue is about: the last one that is not synthetic, else the last one. */
    public static Optional<GroupingException> mainException(GroupingEvent event) {
        List<GroupingException> exceptions = event.exceptions();
        for (int k = exceptions.size() - 1; k >= 0; k--) {
            if (!exceptions.get(k).synthetic()) {
                return Optional.of(exceptions.get(k));
            }
        }
        return exceptions.isEmpty() ? Optional.empty() : Optional.of(exceptions.get(exceptions.size() - 1));
    }

    /**
     * The frame that crashed: the last in-app frame of the newest exception that has frames, else
     * that exception's last frame.
     */
    public static Optional<Frames.FrameView> crashingFrame(GroupingEvent event) {
        List<GroupingException> exceptions = event.exceptions();
        for (int k = exceptions.size() - 1; k >= 0; k--) {
            List<GroupingFrame> frames = exceptions.get(k).frames();
            if (frames.isEmpty()) {
                continue;
            }
            for (int f = frames.size() - 1; f >= 0; f--) {
                Frames.FrameView view = Frames.analyze(frames.get(f), event.platform());
                if (view.inApp() && view.ignoredBecause() == null) {
                    return Optional.of(view);
                }
            }
            return Optional.of(Frames.analyze(frames.get(frames.size() - 1), event.platform()));
        }
        return Optional.empty();
    }

    /** The message as written: formatted message, else the log template, else "". */
    public static String message(GroupingEvent event) {
        if (event.message() != null && !event.message().isBlank()) {
            return event.message();
        }
        return event.logentryMessage() == null ? "" : event.logentryMessage();
    }

    /** The variable name of a whole fingerprint part such as {@code {{ default }}}, or null. */
    static String variableName(String part) {
        if (part == null) {
            return null;
        }
        Matcher matcher = VARIABLE.matcher(part.strip());
        return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static boolean isKnownVariable(String name) {
        return VARIABLES.contains(name) || (name.startsWith("tags.") && name.length() > 5);
    }

    /** The value of a fingerprint variable (not {@code default}); {@code <no-...>} when the event lacks it, null when unknown. */
    static String variable(String name, GroupingEvent event) {
        Optional<GroupingException> main = mainException(event);
        return switch (name) {
            case "type", "error.type" -> orMissing(main.map(GroupingException::type).orElse(null), "type");
            case "value", "error.value" -> orMissing(main.map(GroupingException::value).orElse(null), "value");
            case "message" -> orMissing(MessageNormalizer.truncate(message(event), MessageNormalizer.MAX_LENGTH), "message");
            case "transaction" -> orMissing(event.transaction(), "transaction");
            case "level" -> event.level() == null ? "error" : event.level();
            case "logger" -> orMissing(event.logger(), "logger");
            case "release" -> orMissing(event.release(), "release");
            case "environment" -> orMissing(event.environment(), "environment");
            case "module", "stack.module" -> orMissing(crashingFrame(event).map(Frames.FrameView::module).orElse(null), "module");
            case "function", "stack.function" ->
                    orMissing(crashingFrame(event).map(Frames.FrameView::function).orElse(null), "function");
            default -> {
                if (name.startsWith("tags.") && name.length() > 5) {
                    String key = name.substring(5);
                    yield orMissing(findTag(event.tags(), key), "value-for-tag-" + key);
                }
                yield null;
            }
        };
    }

    /** Replaces every {@code {{ variable }}} inside a text (for rule titles); unknown ones stay. */
    static String expandInline(String text, GroupingEvent event) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String value = name.equals("default") ? null : variable(name, event);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String findTag(Map<String, String> tags, String key) {
        String exact = tags.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : tags.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String orMissing(String value, String what) {
        return value == null || value.isBlank() ? "<no-" + what + ">" : value;
    }
}
