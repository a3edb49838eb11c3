package io.bugmaster.slack.messages;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Texts;
import io.bugmaster.notify.Times;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.messages.SlackCards.Card;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Block Kit for the cards: what an issue or an incident is now, and the buttons and menus that act
 * on it ({@link SlackActions}: a button's value is the subject, a menu option's the subject, a space
 * and the choice). Everything that came from events or people (titles, culprits, names) is escaped
 * for mrkdwn ({@code & < >}, so it cannot mention {@code <!channel>} or make links) and cut to
 * Slack's limits: section text 3000, a field 2000, button and option text 75, option value 150,
 * 100 options in a menu.
 */
@PureLogic
public final class SlackCardBlocks {
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_TEXT = 75;
    static final int MAX_OPTIONS = 100;
    static final int MAX_FALLBACK = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackCardBlocks() {}

    /** Someone or something an issue can be assigned to, as the Assign menu offers it: {@code user:12}, {@code team:3}. */
    public record Choice(String value, String label) {}

    /**
     * An issue as its card shows it.
     *
     * @param status Unresolved / Resolved / Ignored until … (the words shown)
     * @param open whether it is unresolved (Resolve, Ignore, Assign) or not (Unresolve)
     * @param assignee who it is assigned to, or null
     * @param assignChoices the Assign menu beside "Me": the suggested owner, then the project's teams
     */
    public record IssueFacts(long id, String shortId, String project, String title, String culprit, String level, long events,
            long users, Instant firstSeen, Instant lastSeen, String status, boolean open, String assignee, String url,
            List<Choice> assignChoices) {}

    /** An incident as its card shows it. */
    public record IncidentFacts(long id, long number, String title, String status, String stage, String priority, String service,
            List<String> assignees, Instant startedAt, String url) {}

    public static Card issue(IssueFacts f, String lastChange, Instant now) {
        String subject = "issue:" + f.id();
        String headline = "[" + f.project() + "] " + f.title();
        ArrayNode blocks = JSON.createArrayNode();
        String heading = link(f.url(), headline);
        if (f.culprit() != null && !f.culprit().isBlank()) {
            heading += "\n`" + Texts.slackEscape(Texts.truncate(Texts.oneLine(f.culprit()), 500)).replace("`", "'") + "`";
        }
        section(blocks, heading);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Status", f.status() + (f.assignee() == null ? "" : " · assigned to " + f.assignee()));
        facts.put("Level", f.level() == null ? "—" : f.level());
        facts.put("Events", Long.toString(f.events()));
        facts.put("Users", Long.toString(f.users()));
        facts.put("First seen", f.firstSeen() == null ? "—" : Times.atAndAgo(f.firstSeen(), now));
        facts.put("Last seen", f.lastSeen() == null ? "—" : Times.atAndAgo(f.lastSeen(), now));
        fields(blocks, facts);
        context(blocks, lastChange);
        ArrayNode actions = JSON.createArrayNode();
        if (f.open()) {
            button(actions, "Resolve", SlackActions.ISSUE_RESOLVE, subject, "primary");
            menu(actions, "Ignore", SlackActions.ISSUE_IGNORE, List.of(
                    new Choice(subject + " 30m", "For 30 minutes"), new Choice(subject + " 24h", "For 24 hours"),
                    new Choice(subject + " 10", "Until 10 more events"), new Choice(subject + " 100", "Until 100 more events")));
            List<Choice> assign = new ArrayList<>();
            assign.add(new Choice(subject + " me", "Me"));
            f.assignChoices().forEach(c -> assign.add(new Choice(subject + " " + c.value(), c.label())));
            menu(actions, "Assign", SlackActions.ISSUE_ASSIGN, assign);
        } else {
            button(actions, "Unresolve", SlackActions.ISSUE_UNRESOLVE, subject, null);
        }
        linkButton(actions, f.url(), subject);
        actions(blocks, "issue_actions", actions);
        return new Card(fallback(f.status() + ": " + headline, lastChange), blocks);
    }

    /** A card for an issue that no longer exists (deleted, or merged into another): what it was, and no buttons. */
    public static Card issueGone(long id, String lastChange) {
        ArrayNode blocks = JSON.createArrayNode();
        section(blocks, "*This issue no longer exists in Bugmaster* (issue " + id + ")");
        context(blocks, lastChange);
        return new Card(fallback("Issue " + id + " no longer exists", lastChange), blocks);
    }

    public static Card incident(IncidentFacts f, String lastChange, Instant now) {
        String subject = "incident:" + f.id();
        String headline = "#" + f.number() + " " + f.title();
        ArrayNode blocks = JSON.createArrayNode();
        section(blocks, link(f.url(), headline));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Status", capitalized(f.status()) + (f.stage() == null || f.stage().equals(f.status()) ? "" : " · " + f.stage()));
        facts.put("Priority", f.priority() == null ? "not set" : f.priority());
        facts.put("Service", f.service() == null ? "—" : f.service());
        facts.put("Assignees", f.assignees().isEmpty() ? "nobody" : String.join(", ", f.assignees()));
        facts.put("Started", f.startedAt() == null ? "—" : Times.atAndAgo(f.startedAt(), now));
        fields(blocks, facts);
        context(blocks, lastChange);
        ArrayNode actions = JSON.createArrayNode();
        if ("triggered".equals(f.status())) {
            button(actions, "Acknowledge", SlackActions.INCIDENT_ACKNOWLEDGE, subject, "primary");
        }
        if (!"resolved".equals(f.status())) {
            button(actions, "Resolve", SlackActions.INCIDENT_RESOLVE, subject, null);
            button(actions, "Escalate", SlackActions.INCIDENT_ESCALATE, subject, "danger");
        }
        linkButton(actions, f.url(), subject);
        actions(blocks, "incident_actions", actions);
        return new Card(fallback(capitalized(f.status()) + ": " + headline, lastChange), blocks);
    }

    private static String fallback(String headline, String lastChange) {
        String text = Texts.oneLine(headline) + (lastChange == null || lastChange.isBlank() ? "" : " — " + Texts.oneLine(lastChange));
        return Texts.slackEscape(Texts.truncate(text, MAX_FALLBACK));
    }

    /** {@code *<url|title>*}: the title escaped, and the one character that would end the link's text replaced. */
    private static String link(String url, String title) {
        String t = Texts.slackEscape(Texts.truncate(Texts.oneLine(title), 500));
        return url == null ? "*" + t + "*" : "*<" + Texts.slackEscape(url) + "|" + t.replace("|", "¦") + ">*";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").set("text", mrkdwn(Texts.truncate(mrkdwn, MAX_SECTION)));
    }

    private static void fields(ArrayNode blocks, Map<String, String> facts) {
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        facts.forEach((label, value) -> fields.add(mrkdwn(Texts.truncate("*" + label + "*\n" + Texts.slackEscape(value), MAX_FIELD))));
    }

    /** The "who did what" line, small under the facts; nothing when there is none. */
    private static void context(ArrayNode blocks, String line) {
        if (line == null || line.isBlank()) {
            return;
        }
        blocks.addObject().put("type", "context").putArray("elements")
                .add(mrkdwn(Texts.slackEscape(Texts.truncate(Texts.oneLine(line), MAX_FIELD))));
    }

    /** The buttons and menus as an actions block; none when there are none (Slack refuses an empty one). */
    private static void actions(ArrayNode blocks, String blockId, ArrayNode elements) {
        if (!elements.isEmpty()) {
            blocks.addObject().put("type", "actions").put("block_id", blockId).set("elements", elements);
        }
    }

    private static void button(ArrayNode elements, String label, String actionId, String value, String style) {
        ObjectNode b = elements.addObject().put("type", "button").put("action_id", actionId).put("value", value);
        b.putObject("text").put("type", "plain_text").put("text", label);
        if (style != null) {
            b.put("style", style);
        }
    }

    private static void linkButton(ArrayNode elements, String url, String value) {
        if (url == null) {
            return;
        }
        ObjectNode b = elements.addObject().put("type", "button").put("action_id", SlackActions.OPEN).put("value", value)
                .put("url", Texts.truncate(url, 3000));
        b.putObject("text").put("type", "plain_text").put("text", "Open in Bugmaster");
    }

    private static void menu(ArrayNode elements, String placeholder, String actionId, List<Choice> choices) {
        ObjectNode select = elements.addObject().put("type", "static_select").put("action_id", actionId);
        select.putObject("placeholder").put("type", "plain_text").put("text", placeholder);
        ArrayNode options = select.putArray("options");
        // an option's value over Slack's 150 characters could not be sent back: such a choice is left out
        choices.stream().filter(c -> c.value().length() <= 150).limit(MAX_OPTIONS).forEach(c -> {
            ObjectNode o = options.addObject().put("value", c.value());
            o.putObject("text").put("type", "plain_text").put("text", Texts.truncate(Texts.oneLine(c.label()), MAX_TEXT));
        });
    }

    private static String capitalized(String word) {
        return word == null || word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }
}
