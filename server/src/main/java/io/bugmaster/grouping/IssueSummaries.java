package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.Optional;

/** Builds the {@link IssueSummary} of an event, Sentry-like. */
@PureLogic
public final class IssueSummaries {

    /** Titles and values are cut to this many characters, with an ellipsis. */
    public static final int MAX_TITLE = 100;

    private IssueSummaries() {}

    /**
     * Exceptions: title {@code Type: first line of value}, culprit {@code module in function} of
     * the crashing (in-app if any) frame. Messages: title is the first line of the message,
     * culprit the transaction, else the logger.
     */
    public static IssueSummary of(GroupingEvent event) {
        Optional<GroupingException> main = EventFacts.mainException(event);
        Optional<Frames.FrameView> crashing = EventFacts.crashingFrame(event);
        String culprit = crashing.map(IssueSummaries::culprit).orElse(null);
        String filename = crashing.map(f -> f.raw().filename() != null ? f.raw().filename() : f.raw().absPath()).orElse(null);
        String function = crashing.map(f -> f.raw().function()).orElse(null);
        if (culprit == null) {
            culprit = blank(event.transaction()) ? (blank(event.logger()) ? null : event.logger()) : event.transaction();
        }
        if (main.isPresent() && !main.get().synthetic()) {
            String type = blank(main.get().type()) ? null : main.get().type().strip();
            String value = blank(main.get().value()) ? null : main.get().value();
            String firstLine = value == null ? null : firstLine(value);
            String title;
            if (type != null && firstLine != null) {
                title = cut(type + ": " + firstLine);
            } else if (type != null) {
                title = cut(type);
            } else if (firstLine != null) {
                title = cut(firstLine);
            } else {
                title = fallbackTitle(event);
            }
            return new IssueSummary(title, culprit, type, value == null ? null : cut(value), filename, function);
        }
        String message = EventFacts.message(event);
        if (blank(message) && main.isPresent() && !blank(main.get().value())) {
            message = main.get().value();
        }
        String title = blank(message) ? fallbackTitle(event) : cut(firstLine(message));
        return new IssueSummary(title, culprit, null, blank(message) ? null : cut(message), filename, function);
    }

    private static String fallbackTitle(GroupingEvent event) {
        return blank(event.transaction()) ? "<unlabeled event>" : cut(event.transaction());
    }

    private static String culprit(Frames.FrameView frame) {
        GroupingFrame raw = frame.raw();
        String where = !blank(raw.module()) ? raw.module()
                : !blank(raw.filename()) ? raw.filename() : raw.absPath();
        String function = raw.function();
        if (blank(where)) {
            return blank(function) ? null : cut(function);
        }
        return cut(blank(function) ? where : where + " in " + function);
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }

    static String cut(String text) {
        if (text.length() <= MAX_TITLE) {
            return text;
        }
        return MessageNormalizer.truncate(text, MAX_TITLE - 1) + "\u2026";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
