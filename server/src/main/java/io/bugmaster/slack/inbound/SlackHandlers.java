package io.bugmaster.slack.inbound;

import tools.jackson.databind.JsonNode;

/**
 * The features behind Slack's three request URLs. Each gets a request only after its signature,
 * timestamp and freshness were checked, and answers within Slack's three seconds: work that calls
 * Slack back (a modal, a new channel, a message update) is handed to {@code SlackCalls} or an
 * executor, never done before answering when it may be slow.
 */
public final class SlackHandlers {
    private SlackHandlers() {}

    /** {@code /slack/commands}: a slash command ({@code command, text, user_id, team_id, channel_id, response_url, trigger_id}). */
    public interface Commands {
        SlackReply command(SlackRequest request, java.util.Map<String, String> form);
    }

    /** {@code /slack/interactions}: the JSON of the form field {@code payload} (block_actions, view_submission, ...). */
    public interface Interactions {
        SlackReply interaction(SlackRequest request, JsonNode payload);
    }

    /**
     * A modal's submission ({@code view_submission}), handed over by the interactions handler by the
     * view's {@code callback_id}; answers 200 with an empty body (the modal closes) or
     * {@code {"response_action": "errors", "errors": {block_id: message}}}.
     */
    public interface Modals {
        /** The callback ids this handler owns ({@code declare_incident}). */
        java.util.Set<String> callbackIds();

        SlackReply submission(SlackRequest request, JsonNode payload);
    }

    /** {@code /slack/events}: an {@code event_callback}'s body (url_verification is answered before this). */
    public interface Events {
        SlackReply event(SlackRequest request, JsonNode callback);
    }
}
