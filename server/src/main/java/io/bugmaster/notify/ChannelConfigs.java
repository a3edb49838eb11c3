package io.bugmaster.notify;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.webhook.StandardWebhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Each kind's settings: which fields it takes, how they are checked (field-level messages such as
 * {@code config.url: ...}), and how they are shown masked. URLs of chat webhooks carry their
 * token in the path, so they are secrets like the webhook secret and the PagerDuty routing key.
 */
@PureLogic
public final class ChannelConfigs {
    public static final String URL = "url";
    public static final String TO = "to";
    public static final String SECRET = "secret";
    public static final String ROUTING_KEY = "routing_key";
    private static final int MAX_URL = 2000;
    private static final int MAX_RECIPIENTS = 20;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern ROUTING = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern WORD = Pattern.compile("[a-z-]{1,12}");

    private ChannelConfigs() {}

    public static List<String> fields(ChannelKind kind) {
        return switch (kind) {
            case SLACK, MATTERMOST, DISCORD, TEAMS -> List.of(URL);
            case EMAIL -> List.of(TO);
            case WEBHOOK -> List.of(URL, SECRET);
            case PAGERDUTY -> List.of(ROUTING_KEY);
        };
    }

    /** The fields that are secrets and are shown masked. */
    public static Set<String> secretFields(ChannelKind kind) {
        return switch (kind) {
            case SLACK, MATTERMOST, DISCORD, TEAMS -> Set.of(URL);
            case EMAIL -> Set.of();
            case WEBHOOK -> Set.of(URL, SECRET);
            case PAGERDUTY -> Set.of(ROUTING_KEY);
        };
    }

    /**
     * Checks and normalizes a kind's settings. {@code previous} (empty when creating) supplies
     * fields the input leaves out, and a field sent back exactly as shown masked keeps its value,
     * so a form can send everything it showed. A webhook without a secret gets a new one.
     */
    public static Map<String, String> validate(ChannelKind kind, Map<String, ?> input, Map<String, String> previous,
            OutboundPolicy policy) {
        Map<String, ?> given = input == null ? Map.of() : input;
        for (String key : given.keySet()) {
            if (!fields(kind).contains(key)) {
                throw new InvalidInputException("config." + key, "unknown setting for a " + kind.id()
                        + " channel; it takes: " + String.join(", ", fields(kind)));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : fields(kind)) {
            Object raw = given.get(field);
            String old = previous.get(field);
            if (raw == null || (old != null && raw instanceof String s && s.equals(mask(kind, field, old)))) {
                if (old != null) {
                    out.put(field, old);
                }
                continue;
            }
            out.put(field, check(kind, field, raw, policy));
        }
        switch (kind) {
            case SLACK, MATTERMOST, DISCORD, TEAMS -> require(out, URL, "the incoming webhook URL the service gave you");
            case EMAIL -> require(out, TO, "one or more email addresses, comma-separated");
            case WEBHOOK -> {
                require(out, URL, "the URL to POST notifications to");
                out.putIfAbsent(SECRET, StandardWebhooks.newSecret());
            }
            case PAGERDUTY -> require(out, ROUTING_KEY, "the 32-character integration key of an Events API v2 integration");
        }
        return out;
    }

    private static void require(Map<String, String> config, String field, String what) {
        if (config.get(field) == null) {
            throw new InvalidInputException("config." + field, "is required: " + what);
        }
    }

    private static String check(ChannelKind kind, String field, Object raw, OutboundPolicy policy) {
        String name = "config." + field;
        if (field.equals(TO)) {
            return recipients(name, raw);
        }
        if (!(raw instanceof String value)) {
            throw new InvalidInputException(name, "must be a string");
        }
        value = value.strip();
        switch (field) {
            case URL -> {
                return url(name, value, policy);
            }
            case SECRET -> {
                if (!StandardWebhooks.isValidSecret(value)) {
                    throw new InvalidInputException(name, "must be whsec_ followed by 24 to 64 random bytes in base64"
                            + " (leave it out and one is generated)");
                }
                return value;
            }
            case ROUTING_KEY -> {
                if (!ROUTING.matcher(value).matches()) {
                    throw new InvalidInputException(name, "must be the 32-character integration key of a PagerDuty"
                            + " Events API v2 integration (letters and digits)");
                }
                return value;
            }
            default -> throw new IllegalStateException(kind + " " + field);
        }
    }

    private static String url(String name, String value, OutboundPolicy policy) {
        if (value.isEmpty()) {
            throw new InvalidInputException(name, "is required");
        }
        if (value.length() > MAX_URL) {
            throw new InvalidInputException(name, "is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(name, "is not a valid URL (" + e.getReason() + ")");
        }
        var refused = policy.refuseUrl(uri);
        if (refused.isPresent()) {
            throw new InvalidInputException(name, refused.get());
        }
        return uri.toString();
    }

    private static String recipients(String name, Object raw) {
        List<String> parts = new ArrayList<>();
        if (raw instanceof String s) {
            for (String p : s.split("[,;]")) {
                parts.add(p.strip());
            }
        } else if (raw instanceof Collection<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new InvalidInputException(name, "must be email addresses (strings)");
                }
                parts.add(s.strip());
            }
        } else {
            throw new InvalidInputException(name, "must be a comma-separated string or a list of email addresses");
        }
        parts.removeIf(String::isEmpty);
        if (parts.isEmpty()) {
            throw new InvalidInputException(name, "needs at least one email address");
        }
        if (parts.size() > MAX_RECIPIENTS) {
            throw new InvalidInputException(name, "takes at most " + MAX_RECIPIENTS + " addresses");
        }
        for (String address : parts) {
            if (!EMAIL.matcher(address).matches()) {
                throw new InvalidInputException(name, "'" + address + "' is not an email address");
            }
        }
        return String.join(", ", parts);
    }

    /** The settings as the API and UI show them. */
    public static Map<String, String> masked(ChannelKind kind, Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : fields(kind)) {
            String value = config.get(field);
            if (value != null) {
                out.put(field, mask(kind, field, value));
            }
        }
        return out;
    }

    static String mask(ChannelKind kind, String field, String value) {
        if (!secretFields(kind).contains(field)) {
            return value;
        }
        return switch (field) {
            case URL -> maskUrl(value);
            case SECRET -> "whsec_****";
            default -> value.substring(0, Math.min(4, value.length())) + "…****";
        };
    }

    /**
     * Keeps the scheme, host and port, and leading path words (services, api, webhooks); shows the
     * first two characters of the next segment and hides the rest and the query:
     * {@code https://hooks.slack.com/services/T0…/****}.
     */
    public static String maskUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "****";
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/");
        int i = 0;
        boolean hidden = false;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            i++;
            if (!hidden && WORD.matcher(segment).matches()) {
                out.append('/').append(segment);
            } else if (!hidden) {
                out.append('/').append(segment, 0, Math.min(2, segment.length())).append('…');
                hidden = true;
            } else {
                out.append("/****");
                break;
            }
        }
        if (uri.getRawQuery() != null) {
            out.append("?****");
        }
        return out.toString();
    }
}
