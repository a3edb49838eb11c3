package io.bugmaster.notify.slack;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack incoming-webhook messages: Block Kit {@code blocks} with a plain-text {@code text} fallback
 * (shown in notifications and by clients without blocks), and the legacy {@code attachments}
 * form that Mattermost and Discord's Slack-compatible endpoint take. Event data is escaped
 * ({@code & < >} in mrkdwn, so a title cannot make links or {@code <!channel>} mentions) and cut
 * to Slack's limits: section text 3000, field 2000, header 150, button text 75, at most 10 fields.
 */
@PureLogic
public final class SlackMessages {
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FALLBACK = 3000;
    static final int MAX_TITLE = 500;
    static final int MAX_BUTTON = 75;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.regex.Pattern TS = java.util.regex.Pattern.compile("\\d{1,12}\\.\\d{1,9}");

    private SlackMessages() {}

    /** The plain-text fallback (what a phone shows): reason and headline, culprit and link. Not mrkdwn-formatted, but still escaped. */
    public static String fallback(Notification n) {
        StringBuilder text = new StringBuilder(Texts.truncate(Texts.oneLine(n.summary()), MAX_TITLE));
        if (n.text() != null && !n.text().isBlank()) {
            text.append(" in ").append(Texts.truncate(Texts.oneLine(n.text()), 300));
        }
        if (n.link() != null) {
            text.append(' ').append(n.link());
        }
        return Texts.truncate(text.toString(), MAX_FALLBACK);
    }

    public static ObjectNode blocks(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", Texts.slackEscape(fallback(n)));
        ArrayNode blocks = root.putArray("blocks");

        String title = Texts.slackEscape(Texts.truncate(Texts.oneLine(n.headline()), MAX_TITLE));
        String heading = n.link() == null ? "*" + title + "*" : "*<" + Texts.slackEscape(n.link()) + "|" + title.replace("|", "¦") + ">*";
        if (n.why() != null) {
            heading += "\n" + Texts.slackEscape(Texts.truncate(Texts.oneLine(n.why()), 500));
        }
        if (n.text() != null && !n.text().isBlank()) {
            heading += "\n`" + Texts.slackEscape(Texts.truncate(Texts.oneLine(n.text()), 500)).replace("`", "'") + "`";
        }
        blocks.addObject().put("type", "section").set("text", mrkdwn(Texts.truncate(heading, MAX_SECTION)));
        if (n.body() != null && !n.body().isBlank()) {
            // people's words (a status update, a note): line breaks kept, escaped so they cannot mention or link
            blocks.addObject().put("type", "section").set("text", mrkdwn(Texts.truncate(Texts.slackEscape(n.body().strip()), MAX_SECTION)));
        }

        if (n.isDigest()) {
            digestSections(n.digest()).forEach(text -> blocks.addObject().put("type", "section").set("text", mrkdwn(text)));
        }
        Map<String, String> facts = n.facts();
        if (!facts.isEmpty()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            ArrayNode fields = section.putArray("fields");
            facts.entrySet().stream().limit(MAX_FIELDS).forEach(e -> fields.add(mrkdwn(
                    Texts.truncate("*" + e.getKey() + "*\n" + Texts.slackEscape(e.getValue()), MAX_FIELD))));
        }
        if (n.table() != null) {
            blocks.addObject().put("type", "section").set("text", mrkdwn(slackTable(n.table())));
            if (n.table().more() != null) {
                blocks.addObject().put("type", "context").putArray("elements").add(mrkdwn(n.table().more()));
            }
        }
        if (!n.labels().isEmpty()) {
            String tags = n.labels().entrySet().stream()
                    .map(e -> "`" + Texts.slackEscape(e.getKey()).replace("`", "'") + ": "
                            + Texts.slackEscape(e.getValue()).replace("`", "'") + "`")
                    .collect(Collectors.joining("  "));
            ObjectNode context = blocks.addObject().put("type", "context");
            context.putArray("elements").add(mrkdwn(Texts.truncate(tags, MAX_FIELD)));
        }
        if (!n.actions().isEmpty()) {
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            // Slack allows 25 elements; an action id is unique within the block
            n.actions().stream().limit(25).forEach(a -> {
                ObjectNode button = buttons.addObject();
                button.put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", Texts.truncate(a.label(), MAX_BUTTON));
                button.put("url", Texts.truncate(a.url(), 3000));
                button.put("action_id", a.type().id());
            });
        }
        return root;
    }

    /**
     * The message a chat.postMessage answer names, {@code channel/ts} ({@code C0123/1733324400.000100}),
     * which chat.update takes; null for an incoming webhook's {@code ok} or any other answer.
     */
    public static String messageRef(String answer) {
        if (answer == null || !answer.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode o = JSON.readTree(answer);
            String channel = o.path("channel").asString("");
            String ts = o.path("ts").asString("");
            boolean ok = o.path("ok").asBoolean(false);
            return ok && !channel.isBlank() && TS.matcher(ts).matches() && channel.length() <= 64 ? channel + "/" + ts : null;
        } catch (RuntimeException e) {
            return null; // not JSON after all: no reference
        }
    }

    /** Legacy attachments (Mattermost, Discord's /slack endpoint), markdown-escaped, Discord's limits. */
    public static ObjectNode attachments(Notification n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", markdownFallback(n));
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("fallback", Texts.truncate(fallback(n), 2000));
        attachment.put("color", color(n));
        attachment.put("title", Texts.truncate(Texts.oneLine(n.headline()), 256));
        if (n.link() != null) {
            attachment.put("title_link", n.link());
        }
        StringBuilder text = new StringBuilder();
        if (n.why() != null) {
            text.append(Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.why()), 500)));
        }
        if (n.text() != null && !n.text().isBlank()) {
            text.append(text.length() > 0 ? "\n" : "").append(Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.text()), 500)));
        }
        if (n.body() != null && !n.body().isBlank()) {
            text.append(text.length() > 0 ? "\n" : "").append(Texts.markdownEscape(Texts.truncate(n.body().strip(), 1500)));
        }
        if (n.isDigest()) {
            text.append(text.length() > 0 ? "\n" : "").append(markdownDigest(n.digest()));
        }
        if (!n.labels().isEmpty()) {
            text.append(text.length() > 0 ? "\n" : "").append(n.labels().entrySet().stream()
                    .map(e -> Texts.markdownEscape(e.getKey()) + ": " + Texts.markdownEscape(e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        String actions = markdownActions(n);
        String table = n.table() == null ? "" : markdownTable(n.table());
        attachment.put("text", Texts.truncate(text.toString(), (n.isDigest() ? 4000 : 2000) - actions.length() - table.length())
                + (text.length() > 0 && !table.isEmpty() ? "\n" : "") + table
                + (text.length() + table.length() > 0 && !actions.isEmpty() ? "\n" : "") + actions);
        ArrayNode fields = attachment.putArray("fields");
        n.facts().entrySet().stream().limit(MAX_FIELDS).forEach(e -> fields.addObject()
                .put("title", e.getKey())
                .put("value", Texts.truncate(Texts.markdownEscape(e.getValue()), 1000))
                .put("short", true));
        attachment.put("footer", "Bugmaster");
        return root;
    }

    /**
     * The actions beside Open (which the title links to) as markdown links, {@code [Resolve](url) · [Ignore for 1h](url)}:
     * legacy attachments have no buttons that open a page. Empty when there are none.
     */
    static String markdownActions(Notification n) {
        return n.actions().stream().filter(a -> a.type() != Notification.Action.Type.OPEN)
                .map(a -> "[" + Texts.markdownEscape(Texts.oneLine(a.label())) + "](" + a.url() + ")")
                .collect(Collectors.joining(" · "));
    }

    /** The fallback for markdown services: escaped text, then the link as is (escaping would break it). */
    static String markdownFallback(Notification n) {
        StringBuilder text = new StringBuilder(Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.summary()), MAX_TITLE)));
        if (n.text() != null && !n.text().isBlank()) {
            text.append(" in ").append(Texts.markdownEscape(Texts.truncate(Texts.oneLine(n.text()), 300)));
        }
        String link = n.link() == null ? "" : " " + Texts.truncate(n.link(), 500);
        return Texts.truncate(text.toString(), 2000 - link.length()) + link;
    }

    /** Digest entries as mrkdwn bullet lines ({@code • <link|title> · project · N events}), packed into sections of at most 3000 characters. */
    static java.util.List<String> digestSections(Notification.Digest digest) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Notification.DigestEntry e : digest.entries()) {
            String title = Texts.slackEscape(Texts.truncate(Texts.oneLine(e.title()), 200));
            StringBuilder line = new StringBuilder("• ");
            line.append(e.link() == null || e.link().isBlank() ? "*" + title + "*"
                    : "<" + Texts.slackEscape(e.link()) + "|" + title.replace("|", "¦") + ">");
            if (e.source() != null && !e.source().isBlank()) {
                line.append(" · ").append(Texts.slackEscape(Texts.truncate(Texts.oneLine(e.source()), 100)));
            }
            line.append(" · ").append(e.count()).append(e.count() == 1 ? " event" : " events");
            lines.add(line.toString());
        }
        if (digest.more() > 0) {
            lines.add("… and " + digest.more() + " more");
        }
        java.util.List<String> sections = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (current.length() > 0 && current.length() + 1 + line.length() > MAX_SECTION) {
                sections.add(current.toString());
                current.setLength(0);
            }
            current.append(current.length() > 0 ? "\n" : "").append(Texts.truncate(line, MAX_SECTION));
        }
        if (current.length() > 0) {
            sections.add(current.toString());
        }
        return sections;
    }

    /** Digest entries as markdown list lines (Mattermost, Discord): escaped title and project, the link as is. */
    static String markdownDigest(Notification.Digest digest) {
        StringBuilder out = new StringBuilder();
        for (Notification.DigestEntry e : digest.entries()) {
            out.append(out.length() > 0 ? "\n" : "").append("- ");
            if (e.source() != null && !e.source().isBlank()) {
                out.append('[').append(Texts.markdownEscape(Texts.truncate(Texts.oneLine(e.source()), 60))).append("] ");
            }
            out.append(Texts.markdownEscape(Texts.truncate(Texts.oneLine(e.title()), 80)))
                    .append(" (").append(e.count()).append(e.count() == 1 ? " event)" : " events)");
            if (e.link() != null && !e.link().isBlank()) {
                out.append(' ').append(Texts.truncate(e.link(), 200));
            }
        }
        if (digest.more() > 0) {
            out.append(out.length() > 0 ? "\n" : "").append("... and ").append(digest.more()).append(" more");
        }
        return out.toString();
    }

    /**
     * Rows as a code block within a section's 3000 characters: in mrkdwn only {@code & < >} are
     * control characters, and a backtick could end the block early, so it is shown as {@code '}.
     */
    static String slackTable(Notification.Table table) {
        String rows = table.lines(60, MAX_SECTION - 200).stream().map(l -> Texts.slackEscape(l).replace("`", "'"))
                .collect(Collectors.joining("\n"));
        return "```\n" + Texts.truncate(rows, MAX_SECTION - 10) + "\n```";
    }

    /**
     * Rows as a markdown code block (Mattermost, Discord) of at most 1200 characters: nothing in it
     * is formatted, a backtick (which could end it) is shown as {@code '} and mentions are broken.
     */
    static String markdownTable(Notification.Table table) {
        String rows = table.lines(40, 1100).stream().map(l -> l.replace("`", "'").replace("@", "@\u200b"))
                .collect(Collectors.joining("\n"));
        return "```\n" + Texts.truncate(rows, 1150) + "\n```" + (table.more() == null ? "" : "\n" + table.more());
    }

    static String color(Notification n) {
        if (n.kind() == Notification.Kind.RESOLVE) {
            return "#2eb67d";
        }
        String level = n.severity() == null ? "" : n.severity();
        return switch (level) {
            case "fatal" -> "#7a0019";
            case "error" -> "#e01e5a";
            case "warning" -> "#ecb22e";
            default -> "#36c5f0";
        };
    }

    private static ObjectNode mrkdwn(String text) {
        return JSON.createObjectNode().put("type", "mrkdwn").put("text", text);
    }
}
