package io.bugmaster.notify.email;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.util.Map;

/**
 * A notification as an email: a one-line subject, a plain-text part and an HTML part. Every value
 * is HTML-escaped in the HTML part: titles, culprits and tags come from events and are
 * attacker-controlled.
 */
@PureLogic
public final class EmailMessages {
    private EmailMessages() {}

    public record Email(String subject, String text, String html) {}

    public static Email of(Notification n) {
        // a resolve replies to the alert about the issue, so mail clients thread them together
        String subject = n.kind() == Notification.Kind.RESOLVE ? "Re: " + n.bareHeadline() : n.headline();
        subject = Texts.truncate(Texts.oneLine(subject), 200);
        return new Email(subject, text(n), html(n));
    }

    static String text(Notification n) {
        StringBuilder out = new StringBuilder();
        out.append(Texts.oneLine(n.headline())).append("\n");
        if (n.why() != null) {
            out.append(Texts.oneLine(n.why())).append("\n");
        }
        if (n.text() != null && !n.text().isBlank()) {
            out.append(Texts.oneLine(n.text())).append("\n");
        }
        if (n.isDigest()) {
            out.append("\n");
            n.digest().lines().forEach(line -> out.append(Texts.oneLine(line)).append("\n"));
        }
        out.append("\n");
        if (n.body() != null && !n.body().isBlank()) {
            out.append(n.body().strip()).append("\n\n");
        }
        n.facts().forEach((label, value) -> out.append(label).append(": ").append(Texts.oneLine(value)).append("\n"));
        if (n.table() != null) {
            out.append("\n");
            n.table().lines(MAX_CELL, 20_000).forEach(line -> out.append(line).append("\n"));
            if (n.table().more() != null) {
                out.append(n.table().more()).append("\n");
            }
        }
        if (!n.labels().isEmpty()) {
            out.append("\nTags:\n");
            n.labels().forEach((k, v) -> out.append("  ").append(Texts.oneLine(k)).append(": ").append(Texts.oneLine(v)).append("\n"));
        }
        if (!n.actions().isEmpty()) {
            out.append("\n");
            n.actions().forEach(a -> out.append(Texts.oneLine(a.label())).append(": ").append(a.url()).append("\n"));
        }
        out.append("\n-- \nSent by Bugmaster (notification ").append(n.idempotencyKey()).append(")\n");
        return out.toString();
    }

    static String html(Notification n) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(Texts.html(Texts.oneLine(n.headline()))).append("</title></head>")
                .append("<body style=\"font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d\">");
        out.append("<h2 style=\"margin:0 0 4px\">");
        if (n.link() != null) {
            out.append("<a href=\"").append(Texts.html(n.link())).append("\">")
                    .append(Texts.html(Texts.oneLine(n.headline()))).append("</a>");
        } else {
            out.append(Texts.html(Texts.oneLine(n.headline())));
        }
        out.append("</h2>");
        if (n.why() != null) {
            out.append("<p style=\"margin:0 0 4px\"><strong>").append(Texts.html(Texts.oneLine(n.why()))).append("</strong></p>");
        }
        if (n.text() != null && !n.text().isBlank()) {
            out.append("<p style=\"margin:0 0 12px;color:#616061\"><code>").append(Texts.html(n.text())).append("</code></p>");
        }
        if (n.body() != null && !n.body().isBlank()) {
            out.append(bodyHtml(n.body(), origin(n.link())));
        }
        if (n.isDigest()) {
            out.append("<ul>");
            for (Notification.DigestEntry e : n.digest().entries()) {
                out.append("<li>");
                if (e.link() != null && !e.link().isBlank()) {
                    out.append("<a href=\"").append(Texts.html(e.link())).append("\">").append(Texts.html(Texts.oneLine(e.title())))
                            .append("</a>");
                } else {
                    out.append(Texts.html(Texts.oneLine(e.title())));
                }
                if (e.source() != null && !e.source().isBlank()) {
                    out.append(" <span style=\"color:#616061\">").append(Texts.html(e.source())).append("</span>");
                }
                out.append(" (").append(e.count()).append(e.count() == 1 ? " event)" : " events)").append("</li>");
            }
            if (n.digest().more() > 0) {
                out.append("<li>… and ").append(n.digest().more()).append(" more</li>");
            }
            out.append("</ul>");
        }
        out.append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        for (Map.Entry<String, String> fact : n.facts().entrySet()) {
            out.append("<tr><th align=\"left\">").append(Texts.html(fact.getKey())).append("</th><td>")
                    .append(Texts.html(fact.getValue())).append("</td></tr>");
        }
        out.append("</table>");
        if (n.table() != null) {
            out.append(tableHtml(n.table()));
        }
        if (!n.labels().isEmpty()) {
            out.append("<p>");
            n.labels().forEach((k, v) -> out.append("<code style=\"background:#f4f4f4;padding:1px 4px\">")
                    .append(Texts.html(k)).append(": ").append(Texts.html(v)).append("</code> "));
            out.append("</p>");
        }
        if (!n.actions().isEmpty()) {
            out.append("<p>");
            for (int i = 0; i < n.actions().size(); i++) {
                Notification.Action a = n.actions().get(i);
                out.append(i > 0 ? " · " : "").append("<a href=\"").append(Texts.html(a.url())).append("\">")
                        .append(Texts.html(a.label())).append("</a>");
            }
            out.append("</p>");
        }
        out.append("<p style=\"color:#999;font-size:12px\">Sent by Bugmaster</p></body></html>");
        return out.toString();
    }

    /** A cell of a table at most this long (a query's row may hold a whole document). */
    static final int MAX_CELL = 200;

    /** Rows as an HTML table, every cell escaped, line breaks in a cell kept. */
    static String tableHtml(Notification.Table table) {
        StringBuilder out = new StringBuilder("<table cellpadding=\"4\" style=\"border-collapse:collapse;margin-top:12px;font-size:13px\">");
        out.append("<tr>");
        table.columns().forEach(c -> out.append("<th align=\"left\" style=\"border-bottom:1px solid #ddd\">")
                .append(Texts.html(Texts.truncate(c, MAX_CELL))).append("</th>"));
        out.append("</tr>");
        for (java.util.List<String> row : table.rows()) {
            out.append("<tr>");
            row.forEach(c -> out.append("<td style=\"border-bottom:1px solid #eee;white-space:pre-wrap;font-family:monospace\">")
                    .append(Texts.html(Texts.truncate(c, MAX_CELL))).append("</td>"));
            out.append("</tr>");
        }
        out.append("</table>");
        if (table.more() != null) {
            out.append("<p style=\"color:#616061\">").append(table.more()).append("</p>");
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://[^\\s<>\"]+");

    /**
     * A body as HTML: {@code ## } lines become headings, {@code - } lines list items, other lines
     * paragraphs; everything is escaped, and addresses on Bugmaster's own origin (that of the
     * notification's link) become links: a body quotes event data, which must not add links elsewhere.
     */
    static String bodyHtml(String body, String origin) {
        StringBuilder out = new StringBuilder();
        boolean inList = false;
        for (String line : body.strip().split("\\R")) {
            boolean item = line.startsWith("- ");
            if (inList && !item) {
                out.append("</ul>");
                inList = false;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("## ")) {
                out.append("<h3 style=\"margin:16px 0 4px\">").append(linked(line.substring(3), origin)).append("</h3>");
            } else if (item) {
                if (!inList) {
                    out.append("<ul style=\"margin:4px 0\">");
                    inList = true;
                }
                out.append("<li>").append(linked(line.substring(2), origin)).append("</li>");
            } else {
                out.append("<p style=\"margin:4px 0;white-space:pre-wrap\">").append(linked(line, origin)).append("</p>");
            }
        }
        if (inList) {
            out.append("</ul>");
        }
        return out.toString();
    }

    /** {@code https://bugs.example.com/} of a link, or null. */
    static String origin(String link) {
        if (link == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(https?://[^/\\s]+/)").matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static String linked(String text, String origin) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            if (origin == null || !m.group().startsWith(origin)) {
                continue;
            }
            out.append(Texts.html(text.substring(at, m.start())));
            String url = Texts.html(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            at = m.end();
        }
        out.append(Texts.html(text.substring(at)));
        return out.toString();
    }
}
