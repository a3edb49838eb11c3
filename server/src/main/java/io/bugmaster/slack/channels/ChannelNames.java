package io.bugmaster.slack.channels;

import io.bugmaster.common.PureLogic;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of an incident's own channel: {@code inc-<number>-<title>} in what Slack allows (lowercase
 * letters, digits and dashes; at most {@value #MAX} characters), with {@code -2}, {@code -3}… when the
 * name is taken.
 */
@PureLogic
public final class ChannelNames {
    public static final int MAX = 80;

    private ChannelNames() {}

    /** The name for the {@code attempt}th try (1: no suffix). */
    public static String of(long number, String title, int attempt) {
        String prefix = "inc-" + number;
        String suffix = attempt <= 1 ? "" : "-" + attempt;
        String slug = slug(title);
        int room = MAX - prefix.length() - suffix.length() - 1;
        if (slug.length() > room) {
            slug = trimDashes(slug.substring(0, Math.max(0, room)));
        }
        return prefix + (slug.isEmpty() ? "" : "-" + slug) + suffix;
    }

    /** The title in lowercase ASCII letters and digits, every other run of characters one dash (accents dropped: é is e). */
    static String slug(String title) {
        if (title == null) {
            return "";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return trimDashes(ascii.replaceAll("[^a-z0-9]+", "-"));
    }

    private static String trimDashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '-') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '-') {
            to--;
        }
        return s.substring(from, to);
    }
}
