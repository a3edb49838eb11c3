package io.bugmaster.slack.interactions;

import io.bugmaster.common.PureLogic;
import io.bugmaster.slack.SlackText;

/**
 * What the person who clicked is told, only to them (an ephemeral message), when their click did not
 * act: they are not linked yet, their role does not allow it, the button is not Bugmaster's, or the
 * change was refused. Every piece of text that did not come from Bugmaster itself (a value, an
 * organization's name, a refusal naming an input) is escaped as Slack asks ({@code &}, {@code <},
 * {@code >}), so it cannot mention {@code <!channel>} or make a link.
 */
@PureLogic
final class SlackReplies {
    private static final int MAX_ECHO = 100;

    private SlackReplies() {}

    static String notLinked(String connectUrl, long validMinutes) {
        return "Connect your Slack account to Bugmaster first: <" + SlackText.escape(connectUrl) + "|open this link> (valid " + validMinutes
                + " minutes), log in and confirm. Then click again.";
    }

    static String notAllowed(String may, String orgName, String roleTitle) {
        return "You cannot " + may + " in " + SlackText.escape(orgName) + ": your role is " + SlackText.escape(roleTitle) + ". Ask an admin.";
    }

    static String notUnderstood(String reason, String value) {
        String shown = value == null ? "" : value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value;
        return "Bugmaster does not understand this button" + (shown.isEmpty() ? "" : " (" + SlackText.escape(shown) + ")") + ": " + SlackText.escape(reason)
                + ".";
    }

    static String notDone(String why) {
        return "Bugmaster did not do that: " + SlackText.escape(why);
    }
}
