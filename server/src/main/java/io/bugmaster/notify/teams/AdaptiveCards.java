package io.bugmaster.notify.teams;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Teams message for a Workflows webhook: {@code {"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","content":{AdaptiveCard 1.4}}]}}. Workflows take
 * Adaptive Cards only. Text is markdown-escaped and cut so the message stays far below Teams'
 * 28 KB limit.
 */
@PureLogic
public final class AdaptiveCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdaptiveCards() {}

    public static ObjectNode message(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card(n));
        return root;
    }

    /** A URL as a markdown link target: characters that would end the link or break out of it are percent-encoded. */
    static String linkTarget(String url) {
        return Texts.truncate(url, 1000).replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("[", "%5B")
                .replace("]", "%5D").replace("<", "%3C").replace(">", "%3E");
    }

    static ObjectNode card(Notification n) {
        ObjectNode card = JSON.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("size", "Medium").put("weight", "Bolder").put("wrap", true)
                .put("color", n.kind() == Notification.Kind.RESOLVE ? "Good" : "Attention")
                .put("text", Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.headline()), 300)));
        if (n.why() != null) {
            body.addObject().put("type", "TextBlock").put("wrap", true)
                    .put("text", Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.why()), 500)));
        }
        if (n.text() != null && !n.text().isBlank()) {
            body.addObject().put("type", "TextBlock").put("isSubtle", true).put("wrap", true)
                    .put("text", Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.text()), 500)));
        }
        if (n.body() != null && !n.body().isBlank()) {
            body.addObject().put("type", "TextBlock").put("wrap", true)
                    .put("text", Texts.markdownEscape(Texts.truncate(n.body().strip(), 2000)));
        }
        if (n.isDigest()) {
            ArrayNode issues = body.addObject().put("type", "FactSet").putArray("facts");
            for (Notification.DigestEntry e : n.digest().entries()) {
                String where = (e.source() == null || e.source().isBlank() ? "" : Texts.truncate(Texts.oneLine(e.source()), 60) + " · ")
                        + e.count() + (e.count() == 1 ? " event" : " events");
                String title = Texts.markdownEscape(Texts.truncate(Texts.oneLine(e.title()), 200));
                issues.addObject().put("title", Texts.markdownEscape(where))
                        .put("value", e.link() == null || e.link().isBlank() ? title : "[" + title + "](" + linkTarget(e.link()) + ")");
            }
            if (n.digest().more() > 0) {
                body.addObject().put("type", "TextBlock").put("isSubtle", true).put("wrap", true)
                        .put("text", "… and " + n.digest().more() + " more");
            }
        }
        if (!n.facts().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            n.facts().forEach((label, value) -> facts.addObject().put("title", label)
                    .put("value", Texts.markdownEscape(Texts.truncate(value, 500))));
        }
        if (n.table() != null) {
            ArrayNode rows = body.addObject().put("type", "Container").put("separator", true).putArray("items");
            n.table().lines(40, 6000).forEach(line -> rows.addObject().put("type", "TextBlock").put("fontType", "Monospace")
                    .put("wrap", false).put("spacing", "None").put("text", Texts.markdownEscape(line)));
            if (n.table().more() != null) {
                rows.addObject().put("type", "TextBlock").put("isSubtle", true).put("text", n.table().more());
            }
        }
        if (!n.labels().isEmpty()) {
            body.addObject().put("type", "TextBlock").put("isSubtle", true).put("wrap", true).put("size", "Small")
                    .put("text", Texts.truncate(n.labels().entrySet().stream().limit(30)
                            .map(e -> Texts.markdownEscape(e.getKey()) + ": " + Texts.markdownEscape(e.getValue()))
                            .collect(Collectors.joining(", ")), 2000));
        }
        if (!n.actions().isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            n.actions().forEach(a -> actions.addObject().put("type", "Action.OpenUrl").put("title", a.label()).put("url", a.url()));
        }
        return card;
    }
}
