package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;

/** Escaping and truncation shared by the message builders. Event data is attacker-controlled. */
@PureLogic
public final class Texts {
    private static final String ELLIPSIS = "…";

    private Texts() {}

    /** At most {@code max} characters (code points kept whole), ending in an ellipsis when cut. */
    public static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }

    /** Slack mrkdwn: only {@code & < >} are control characters (they form links and mentions). */
    public static String slackEscape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** HTML text and attribute values. */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Markdown flavours (Mattermost, Discord, Teams): backslash-escape the characters that make
     * links, emphasis and code, and break {@code @channel}/{@code @everyone} style mentions with a
     * zero-width space, so an event title cannot format a message or ping a whole channel.
     */
    public static String markdownEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*_~`[]()<>|#!".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '@') {
                out.append("@\u200b");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One line: line breaks and other control characters become spaces (email subjects, headers). */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString().strip();
    }
}
