package io.bugmaster.slack.events;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.timeline.NoteRules;
import io.bugmaster.slack.SlackText;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Slack message sent to an incident's timeline: the note's text and the moment it was written. */
@PureLogic
public final class TimelineMessage {
    /** Room left in a note for the author and the marks around the message's text. */
    static final int TEXT_MAX = NoteRules.MAX_MESSAGE - 200;

    private TimelineMessage() {}

    private static final Pattern BROADCAST = Pattern.compile("<!(channel|here|everyone)(\\|[^>]*)?>");
    private static final Pattern GROUP = Pattern.compile("<!subteam\\^[A-Za-z0-9]+(?:\\|@?([^>]*))?>");

    /**
     * {@code 📌 <text> — <@U…> in Slack}: the text as typed (Slack's escapes undone), its mentions of
     * everyone and of groups made plain words, so the note never notifies a crowd where it is shown again.
     */
    public static String note(String text, String authorSlackId) {
        String plain = text == null ? "" : GROUP.matcher(BROADCAST.matcher(SlackText.unescape(text)).replaceAll("@$1"))
                .replaceAll(m -> m.group(1) == null || m.group(1).isBlank() ? "@group" : Matcher.quoteReplacement("@" + m.group(1)));
        String body = plain.isBlank() ? "(a message without text)" : SlackText.cut(plain.strip(), TEXT_MAX);
        return "\uD83D\uDCCC " + body + (authorSlackId == null || authorSlackId.isBlank() ? " — in Slack" : " — <@" + authorSlackId + "> in Slack");
    }

    /** The moment of a message's {@code ts} ({@code 1503435956.000247}); empty when it is not one. */
    public static Optional<Instant> at(String ts) {
        if (ts == null || !ts.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(ts);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }

    /** The time the note is placed at: the message's own when the timeline may hold it (a day before the incident up to now), else null (now). */
    public static Instant placed(String ts, Instant openedAt, Instant now) {
        return at(ts).filter(at -> !at.isAfter(now) && !at.isBefore(openedAt.minus(NoteRules.EARLIEST_BEFORE_OPENED))).orElse(null);
    }
}
