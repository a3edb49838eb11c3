package io.bugmaster.slack.inbound;

import io.bugmaster.common.PureLogic;

/**
 * What Bugmaster answers Slack, within its three seconds: an HTTP status and a body (JSON, or empty).
 * A slash command's JSON answer is shown to whoever typed it ({@code "response_type": "ephemeral"})
 * or to the channel ({@code "in_channel"}); an interaction's is empty, or a modal's errors.
 */
@PureLogic
public record SlackReply(int status, String json) {
    public static final SlackReply EMPTY = new SlackReply(200, null);

    public static SlackReply json(String json) {
        return new SlackReply(200, json);
    }
}
