package io.bugmaster.slack;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Slack's mrkdwn as Bugmaster writes it: text people typed escaped, links, mentions, and times each reader sees in their own zone. */
@PureLogic
public final class SlackText {
    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SlackText() {}

    /** Text shown as it is: Slack's three control characters escaped, so nobody's title mentions @channel or makes a link. */
    public static String escape(String text) {
        return io.bugmaster.notify.Texts.slackEscape(text);
    }

    /** Text as Slack sends what people typed (a command's text, a message's): its three escaped characters back. */
    public static String unescape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** A link with its label ({@code <url|label>}); the label escaped, {@code |} too, which would end it. */
    public static String link(String url, String label) {
        return "<" + url.replace(">", "%3E").replace("|", "%7C") + "|" + escape(label).replace("|", "¦") + ">";
    }

    /** A mention of a Slack user. */
    public static String mention(String slackUserId) {
        return "<@" + slackUserId + ">";
    }

    /** A time Slack shows in the reader's own zone ({@code <!date^…>}), UTC in clients that cannot. */
    public static String time(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + FALLBACK.format(at) + ">";
    }

    /** Cuts text to at most {@code max} characters, with an ellipsis when cut. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
