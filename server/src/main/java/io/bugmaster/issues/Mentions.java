package io.bugmaster.issues;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mentions in a comment: {@code @email} of a member and {@code #team-slug} of a team. Finding the
 * candidates and cutting a text into plain and mentioned segments is pure; which candidates name a
 * real member or team is the service's business.
 */
@PureLogic
public final class Mentions {
    /** An @ directly before an email address, not in the middle of a word or another address. */
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\w@.+-])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)"
                    + "|(?<![\\w#&/])#([A-Za-z0-9][A-Za-z0-9_-]*)");

    private Mentions() {}

    /** A candidate mention: {@code token} as written ({@code @ann@example.com}, {@code #payroll}), its kind and name. */
    public record Candidate(String token, boolean team, String name) {}

    /** A piece of a comment's text; {@code mention} when it is a mention that named someone. */
    public record Segment(String text, boolean mention) {}

    /** The distinct candidates in the text, in order of first appearance (emails and slugs lower-cased). */
    public static List<Candidate> candidates(String text) {
        Set<Candidate> found = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            found.add(candidate(m));
        }
        return List.copyOf(found);
    }

    /** The text cut into segments; a candidate is a mention segment when its token is one of {@code resolved}. */
    public static List<Segment> segments(String text, Set<String> resolved) {
        List<Segment> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = MENTION.matcher(text);
        int at = 0;
        while (m.find()) {
            if (!resolved.contains(candidate(m).token())) {
                continue;
            }
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), false));
            }
            out.add(new Segment(m.group(), true));
            at = m.end();
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), false));
        }
        return out;
    }

    private static Candidate candidate(Matcher m) {
        if (m.group(1) != null) {
            String email = m.group(1).toLowerCase(Locale.ROOT);
            return new Candidate("@" + email, false, email);
        }
        String slug = m.group(2).toLowerCase(Locale.ROOT);
        return new Candidate("#" + slug, true, slug);
    }
}
