package io.bugmaster.slack.install;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/**
 * The Slack workspace an organization connected, with its secrets decrypted (in memory only; never
 * shown whole, see {@link #toString()}).
 *
 * @param teamId Slack's id of the workspace ({@code T...})
 * @param botUserId the app's bot user ({@code U...}): its own messages and reactions are not the team's
 * @param timelineReaction the reaction (its name without colons, {@code pushpin}) that sends a
 *        message of an incident's channel to the incident's timeline, as a pin does
 * @param incidentChannels whether declaring an incident from Slack creates its own channel by default
 */
@PureLogic
public record SlackInstallation(long orgId, String teamId, String teamName, String botUserId, String botToken, String signingSecret,
        String timelineReaction, boolean incidentChannels, Long installedBy, Instant createdAt, Instant updatedAt) {

    public static final String DEFAULT_REACTION = "pushpin";

    /** A secret as people may see it: its first characters and its length. */
    public static String masked(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        int shown = secret.startsWith("xox") ? Math.min(5, secret.length() / 4) : Math.min(2, secret.length() / 4);
        return secret.substring(0, shown) + "…" + " (" + secret.length() + " characters)";
    }

    @Override
    public String toString() {
        return "SlackInstallation[org=" + orgId + ", team=" + teamId + " (" + teamName + "), bot=" + botUserId + "]";
    }
}
