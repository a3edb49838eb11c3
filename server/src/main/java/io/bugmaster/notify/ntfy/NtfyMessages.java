package io.bugmaster.notify.ntfy;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ntfy message: the body and the headers {@code Title}, {@code Priority}, {@code Tags},
 * {@code Click} and {@code Actions}. Every header value is one line of printable characters: text
 * that came from events (a title) has its line breaks and control characters turned into spaces,
 * and anything beyond ASCII is sent RFC 2047-encoded, which ntfy decodes.
 */
@PureLogic
public final class NtfyMessages {
    static final int MAX_TITLE = 250;
    static final int MAX_BODY = 4000;
    /** ntfy shows at most three action buttons. */
    static final int MAX_ACTIONS = 3;

    private NtfyMessages() {}

    /** The headers of the message (mutable: the transport adds the token). */
    public static Map<String, String> headers(Notification n) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Title", encoded(Texts.truncate(Texts.oneLine(n.headline()), MAX_TITLE)));
        headers.put("Priority", urgent(n) ? "urgent" : "default");
        headers.put("Tags", tags(n));
        String click = safeUrl(n.link());
        if (click != null) {
            headers.put("Click", click);
        }
        String actions = actions(n);
        if (!actions.isEmpty()) {
            headers.put("Actions", actions);
        }
        return headers;
    }

    /** The body: why it was sent, the short text and the facts, one per line. */
    public static String body(Notification n) {
        List<String> lines = new ArrayList<>();
        if (n.why() != null) {
            lines.add(n.why());
        }
        if (n.text() != null && !n.text().isBlank()) {
            lines.add(n.text());
        }
        n.facts().forEach((label, value) -> lines.add(label + ": " + value));
        if (n.body() != null && !n.body().isBlank()) {
            lines.add(n.body());
        }
        if (n.table() != null) {
            lines.addAll(n.table().lines(40, 2000));
            if (n.table().more() != null) {
                lines.add(n.table().more());
            }
        }
        if (lines.isEmpty()) {
            lines.add(n.headline());
        }
        return Texts.truncate(String.join("\n", lines), MAX_BODY);
    }

    /** A high-urgency page ({@code data.urgency} {@code high}) sounds even in do-not-disturb; everything else is default. */
    static boolean urgent(Notification n) {
        Object urgency = n.data().get("urgency");
        return n.kind() == Notification.Kind.ALERT && urgency != null && urgency.toString().equalsIgnoreCase("high");
    }

    /** Emoji short codes ntfy shows before the title. */
    static String tags(Notification n) {
        return switch (n.kind()) {
            case ALERT -> urgent(n) ? "rotating_light" : "warning";
            case RESOLVE -> "white_check_mark";
            case TEST -> "test_tube";
            case WORKFLOW, REPORT -> "speech_balloon";
        };
    }

    /**
     * Up to three buttons: acknowledge and resolve POST to their signed URL and clear the
     * notification; open views the subject's page.
     */
    static String actions(Notification n) {
        List<String> out = new ArrayList<>();
        for (Notification.Action.Type type : List.of(Notification.Action.Type.ACKNOWLEDGE, Notification.Action.Type.RESOLVE,
                Notification.Action.Type.OPEN)) {
            for (Notification.Action action : n.actions()) {
                String url = safeUrl(action.url());
                if (action.type() != type || url == null || out.size() == MAX_ACTIONS) {
                    continue;
                }
                String label = label(type);
                out.add(type == Notification.Action.Type.OPEN
                        ? "view, " + label + ", " + url
                        : "http, " + label + ", " + url + ", method=POST, clear=true");
                break;
            }
        }
        return String.join("; ", out);
    }

    private static String label(Notification.Action.Type type) {
        return switch (type) {
            case ACKNOWLEDGE -> "Acknowledge";
            case RESOLVE -> "Resolve";
            default -> "Open";
        };
    }

    /**
     * The URL when it is an http(s) URL of printable ASCII without the characters that separate
     * ntfy's action fields ({@code ,} {@code ;} and quotes); null otherwise (such a URL is left out).
     */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://"))) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ',' || c == ';' || c == '"' || c == '\'') {
                return null;
            }
        }
        return url;
    }

    /** ASCII as is; anything else as an RFC 2047 encoded word, which ntfy decodes. */
    static String encoded(String value) {
        if (value.chars().allMatch(c -> c >= ' ' && c < 0x7f)) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
