package io.bugmaster.slack.commands;

import io.bugmaster.slack.SlackText;
import io.bugmaster.common.PureLogic;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The texts of {@code /bugmaster}'s answers that do not depend on data: usage, refusals, ages. */
@PureLogic
public final class CommandReplies {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CommandReplies() {}

    public static final String USAGE = """
            *Bugmaster from Slack*
            `/bugmaster oncall [team]`: who is on call now and next, per level of each escalation policy
            `/bugmaster incident [title]`: declare an incident (a form asks priority, service and description)
            `/bugmaster ack [number]`: acknowledge an incident (without a number: this incident channel's)
            `/bugmaster resolve [number]`: resolve an incident (without a number: this incident channel's)
            `/bugmaster status`: the open incidents
            `/bugmaster help`: this list""";

    /** A message only the person who typed the command sees. */
    public static String ephemeral(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("response_type", "ephemeral");
        o.put("text", SlackText.cut(text, 39_000));
        return o.toString();
    }

    public static String unknown(String subcommand) {
        return "`/bugmaster " + SlackText.escape(SlackText.cut(subcommand, 40)) + "` is not a command I know.\n" + USAGE;
    }

    public static String notLinked(String connectUrl) {
        return "Your Slack account is not linked to a Bugmaster member of this organization yet. "
                + SlackText.link(connectUrl, "Connect it") + " (log in to Bugmaster when asked; the link works once, for 30 minutes),"
                + " then type the command again.";
    }

    /** How long ago, roughly: {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
    public static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
