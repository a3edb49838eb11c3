package io.bugmaster.slack.dm;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackText;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page as a Slack direct message: the title and why the person is paged, and for an incident the
 * Acknowledge, Resolve and Escalate buttons (the action ids the interactions handler acts on, the
 * incident as their value) with an Open button to its page. Text from the incident is escaped, so a
 * title cannot mention {@code @channel} or make a link.
 */
@PureLogic
final class SlackDmMessages {
    private static final int MAX_SECTION = 2900;

    private SlackDmMessages() {}

    /** {@code chat.postMessage}'s arguments for this page to a Slack user. */
    static ObjectNode message(String slackUserId, Notification n) {
        String title = SlackText.escape(n.title());
        StringBuilder body = new StringBuilder("*").append(title).append('*');
        if (n.text() != null && !n.text().isBlank()) {
            body.append('\n').append(SlackText.escape(n.text()));
        }
        if (n.reason() != null && !n.reason().isBlank()) {
            body.append("\n_").append(SlackText.escape(n.reason())).append('_');
        }
        String section = body.length() > MAX_SECTION ? body.substring(0, MAX_SECTION) + "…" : body.toString();
        ObjectNode args = SlackApi.object().put("channel", slackUserId).put("text", SlackText.cut(n.title(), 300)).put("unfurl_links", false);
        ArrayNode blocks = args.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", section);
        ArrayNode buttons = SlackApi.json().createArrayNode();
        if (n.subject() != null && n.subject().startsWith("incident:")) {
            button(buttons, SlackActions.INCIDENT_ACKNOWLEDGE, "Acknowledge", n.subject()).put("style", "primary");
            button(buttons, SlackActions.INCIDENT_RESOLVE, "Resolve", n.subject());
            button(buttons, SlackActions.INCIDENT_ESCALATE, "Escalate", n.subject());
        }
        n.actions().stream().filter(a -> a.type() == Notification.Action.Type.OPEN).findFirst()
                .ifPresent(open -> button(buttons, SlackActions.OPEN, "Open", n.subject() == null ? "open" : n.subject()).put("url", open.url()));
        if (!buttons.isEmpty()) {
            blocks.addObject().put("type", "actions").put("block_id", "page_actions").set("elements", buttons);
        }
        return args;
    }

    private static ObjectNode button(ArrayNode buttons, String actionId, String label, String value) {
        ObjectNode b = buttons.addObject().put("type", "button").put("action_id", actionId).put("value", value);
        b.putObject("text").put("type", "plain_text").put("text", label);
        return b;
    }

}
