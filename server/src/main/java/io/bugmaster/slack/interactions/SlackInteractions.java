package io.bugmaster.slack.interactions;

import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code /slack/interactions}, once verified: a click on a button or menu ({@code block_actions}) is
 * acted on as the linked person; a modal's submission ({@code view_submission}) goes to the
 * {@link SlackHandlers.Modals} bean that owns its {@code callback_id}; anything else (a modal closed,
 * a shortcut) is answered with 200 and nothing more. Slack wants an empty 200 within three seconds for
 * a click: what the person must be told goes to the click's {@code response_url} afterwards.
 */
@Component
class SlackInteractions implements SlackHandlers.Interactions {
    private final SlackClicks clicks;
    private final ObjectProvider<SlackHandlers.Modals> modals;

    SlackInteractions(SlackClicks clicks, ObjectProvider<SlackHandlers.Modals> modals) {
        this.clicks = clicks;
        this.modals = modals;
    }

    @Override
    public SlackReply interaction(SlackRequest request, JsonNode payload) {
        switch (payload.path("type").asString("")) {
            case "block_actions" -> {
                clicks.clicked(request.installation(), payload);
                return SlackReply.EMPTY;
            }
            case "view_submission" -> {
                String callbackId = payload.path("view").path("callback_id").asString("");
                return modals.orderedStream().filter(m -> m.callbackIds().contains(callbackId)).findFirst()
                        .map(m -> m.submission(request, payload)).orElse(SlackReply.EMPTY);
            }
            default -> {
                return SlackReply.EMPTY;
            }
        }
    }
}
