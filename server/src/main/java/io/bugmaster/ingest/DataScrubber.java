package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Removes secrets from a normalized event in one pass over the parts that carry user data, before
 * anything is stored. Two rules:
 *
 * <ol>
 *   <li><b>Sensitive fields.</b> The value of any object field, header, cookie or query parameter
 *       whose name contains one of {@link #DEFAULT_SENSITIVE} (any case; substring match as Sentry's
 *       server-side scrubber does, so {@code csrftoken}, {@code X-Api-Key}... and also
 *       {@code author} match) becomes {@code [Filtered]}, unless the name is one of the project's
 *       safe fields. Projects add names through {@link ScrubbingSettings#sensitiveFields()}.</li>
 *   <li><b>Credit card numbers.</b> 13 to 19 digits, optionally grouped with single spaces or dashes,
 *       that pass the Luhn check are replaced by {@code [Filtered]} inside any string.</li>
 * </ol>
 *
 * Where: {@code request} (data, query_string, headers, cookies, env; cookie and header names stay
 * visible, their values are filtered by name: the whole {@code Cookie} header, the {@code sessionid}
 * cookie), {@code extra},
 * {@code contexts}, {@code user} (other than id, email, username and ip_address, which grouping and
 * the UI need), breadcrumb messages and data, exception values and frame vars (exceptions and
 * threads), and the logentry. Identifiers (event id, release, environment, tags, fingerprint, sdk,
 * modules, frame locations) are left alone. {@code session} is in the list because session ids
 * are bearer credentials; this also filters fields such as {@code session_count}.
 */
@PureLogic
public final class DataScrubber {
    public static final String FILTERED = "[Filtered]";

    /** Sentry's default list plus the header and cookie names it filters. */
    public static final List<String> DEFAULT_SENSITIVE = List.of(
            "password", "passwd", "pwd", "secret", "api_key", "apikey", "x-api-key", "access_token", "auth",
            "credentials", "mysql_pwd", "privatekey", "private_key", "private-key", "token", "session",
            "cookie", "csrf", "xsrf", "credit_card", "card_number", "cardnumber");

    private static final Pattern CARD = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    private final ScrubbingSettings settings;

    public DataScrubber(ScrubbingSettings settings) {
        this.settings = settings;
    }

    /** Scrubs the normalized event in place. */
    public void scrub(ObjectNode event) {
        if (!settings.enabled()) {
            return;
        }
        JsonNode request = event.get("request");
        if (request instanceof ObjectNode requestObject) {
            for (Map.Entry<String, JsonNode> entry : requestObject.properties()) {
                String key = entry.getKey();
                if (key.equals("cookies") || key.equals("headers")) {
                    // the names stay visible; values of sensitive cookies and headers are filtered
                    scrubContainer(entry.getValue());
                } else if (isSensitive(key)) {
                    filter(requestObject, key, entry.getValue());
                } else {
                    scrubField(requestObject, key);
                }
            }
        }
        scrubField(event, "extra");
        scrubField(event, "contexts");
        JsonNode user = event.get("user");
        if (user instanceof ObjectNode userObject) {
            for (Map.Entry<String, JsonNode> entry : userObject.properties()) {
                String key = entry.getKey();
                if (key.equals("id") || key.equals("email") || key.equals("username") || key.equals("ip_address")) {
                    continue;
                }
                if (isSensitive(key)) {
                    filter(userObject, key, entry.getValue());
                } else {
                    scrubField(userObject, key);
                }
            }
        }
        for (JsonNode crumb : event.path("breadcrumbs").path("values")) {
            if (crumb instanceof ObjectNode object) {
                scrubField(object, "message");
                scrubField(object, "data");
            }
        }
        JsonNode logentry = event.get("logentry");
        if (logentry instanceof ObjectNode object) {
            scrubField(object, "formatted");
            scrubField(object, "message");
            scrubField(object, "params");
        }
        for (JsonNode exception : event.path("exception").path("values")) {
            if (exception instanceof ObjectNode object) {
                scrubField(object, "value");
                scrubFrames(object.path("stacktrace"));
            }
        }
        for (JsonNode thread : event.path("threads").path("values")) {
            scrubFrames(thread.path("stacktrace"));
        }
    }

    private void scrubFrames(JsonNode stacktrace) {
        for (JsonNode frame : stacktrace.path("frames")) {
            if (frame instanceof ObjectNode object) {
                scrubField(object, "vars");
            }
        }
    }

    /** Scrubs {@code parent[field]} (object, array or string), replacing a string value in place. */
    private void scrubField(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null) {
            return;
        }
        if (value.isString()) {
            String scrubbed = scrubString(value.stringValue());
            if (scrubbed != null) {
                parent.put(field, scrubbed);
            }
        } else {
            scrubContainer(value);
        }
    }

    private void scrubContainer(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (isSensitive(entry.getKey())) {
                    filter(object, entry.getKey(), entry.getValue());
                } else {
                    scrubField(object, entry.getKey());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (isPair(element) && isSensitive(element.get(0).stringValue())) {
                    if (!isEmpty(element.get(1))) {
                        ((ArrayNode) element).set(1, StringNode.valueOf(FILTERED));
                    }
                } else if (element.isString()) {
                    String scrubbed = scrubString(element.stringValue());
                    if (scrubbed != null) {
                        array.set(i, StringNode.valueOf(scrubbed));
                    }
                } else {
                    scrubContainer(element);
                }
            }
        }
    }

    private static boolean isPair(JsonNode node) {
        return node instanceof ArrayNode && node.size() == 2 && node.get(0).isString();
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isString() && value.stringValue().isEmpty());
    }

    private static void filter(ObjectNode object, String key, JsonNode value) {
        if (!isEmpty(value)) {
            object.put(key, FILTERED);
        }
    }

    /** Whether a field name is sensitive under these settings. */
    public boolean isSensitive(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (settings.safeFields().contains(lower)) {
            return false;
        }
        for (String word : DEFAULT_SENSITIVE) {
            if (lower.contains(word)) {
                return true;
            }
        }
        for (String word : settings.sensitiveFields()) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The string with card numbers filtered, or null when nothing changed. */
    static String scrubString(String value) {
        if (value.length() < 13 || countDigits(value) < 13) {
            // most strings hold no 13 digits at all: skip the regex (a hot spot under load)
            return null;
        }
        Matcher matcher = CARD.matcher(value);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            if (luhn(matcher.group())) {
                if (out == null) {
                    out = new StringBuilder(value.length());
                }
                out.append(value, last, matcher.start()).append(FILTERED);
                last = matcher.end();
            }
        }
        if (out == null) {
            return null;
        }
        return out.append(value, last, value.length()).toString();
    }

    private static int countDigits(String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits;
    }

    /** Luhn check over the digits of a candidate, 13 to 19 of them. */
    static boolean luhn(String candidate) {
        int sum = 0;
        int digits = 0;
        boolean doubled = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            digits++;
            doubled = !doubled;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }
}
