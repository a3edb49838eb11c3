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
import java.util.regex.Pattern;

/**
 * Channel settings by their type ({@link ChannelKind.Setting.Type}): how they are checked
 * (field-level messages such as {@code config.url: ...}) and how they are shown masked. URLs of
 * chat webhooks carry their token in the path, so they are secrets like the webhook secret and the
 * PagerDuty routing key. The names below are the settings the built-in transports take.
 */
@PureLogic
public final class ChannelConfigs {
    public static final String URL = "url";
    public static final String TO = "to";
    public static final String SECRET = "secret";
    public static final String ROUTING_KEY = "routing_key";
    /**
     * Whether the channel gets the message that closes an alert (an issue resolved, deleted or
     * merged away), like Alertmanager's {@code send_resolved}; on unless set off. PagerDuty has no
     * such setting: its incidents must close.
     */
    public static final String SEND_RESOLVED = "sendResolved";
    /** The setting chat, webhook and email channels take for {@link #SEND_RESOLVED}. */
    public static final ChannelKind.Setting SEND_RESOLVED_SETTING = new ChannelKind.Setting(SEND_RESOLVED,
            "Send “Resolved” messages", "when an issue it was alerted about is resolved, deleted or merged into another",
            ChannelKind.Setting.Type.SWITCH, null);
    private static final int MAX_URL = 2000;
    private static final int MAX_RECIPIENTS = 20;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern ROUTING = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern WORD = Pattern.compile("[a-z-]{1,12}");
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,30}");
    private static final Pattern SLACK_CHANNEL_NAME = Pattern.compile("#[a-z0-9_-]{1,80}");

    private ChannelConfigs() {}

    /**
     * Checks and normalizes a kind's settings. {@code previous} (empty when creating) supplies
     * fields the input leaves out, and a field sent back exactly as shown masked keeps its value,
     * so a form can send everything it showed. A signing secret left out is generated.
     */
    public static Map<String, String> validate(ChannelKind kind, Map<String, ?> input, Map<String, String> previous,
            OutboundPolicy policy) {
        Map<String, ?> given = input == null ? Map.of() : input;
        for (String key : given.keySet()) {
            if (!kind.fields().contains(key)) {
                throw new InvalidInputException("config." + key, "unknown setting for a " + kind.id()
                        + " channel; it takes: " + String.join(", ", kind.fields()));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ChannelKind.Setting setting : kind.settings()) {
            String field = setting.name();
            Object raw = given.get(field);
            String old = previous.get(field);
            if (raw == null || (old != null && raw instanceof String s && s.equals(mask(kind, field, old)))) {
                if (old != null) {
                    out.put(field, old);
                }
                continue;
            }
            out.put(field, check(setting, raw, policy));
        }
        for (ChannelKind.Setting setting : kind.settings()) {
            if (setting.type() == ChannelKind.Setting.Type.SWITCH) {
                out.putIfAbsent(setting.name(), "true");
            }
            if (setting.type() == ChannelKind.Setting.Type.SIGNING_SECRET) {
                out.putIfAbsent(setting.name(), StandardWebhooks.newSecret());
            }
            if (setting.required() && out.get(setting.name()) == null) {
                throw new InvalidInputException("config." + setting.name(), "is required: " + setting.whenMissing());
            }
        }
        return out;
    }

    private static String check(ChannelKind.Setting setting, Object raw, OutboundPolicy policy) {
        String name = "config." + setting.name();
        if (setting.type() == ChannelKind.Setting.Type.EMAILS) {
            return recipients(name, raw);
        }
        if (setting.type() == ChannelKind.Setting.Type.SWITCH) {
            return onOff(name, raw);
        }
        if (!(raw instanceof String value)) {
            throw new InvalidInputException(name, "must be a string");
        }
        value = value.strip();
        switch (setting.type()) {
            case URL -> {
                return url(name, value, policy);
            }
            case SIGNING_SECRET -> {
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
            case SLACK_CHANNEL -> {
                return slackChannel(name, value);
            }
            default -> throw new IllegalStateException(setting.type() + " " + setting.name());
        }
    }

    /** A Slack channel id as Slack shows it (C0123ABCD), or #name in Slack's own spelling (lower case, no spaces). */
    private static String slackChannel(String name, String value) {
        String v = value.startsWith("#") ? value.toLowerCase(java.util.Locale.ROOT) : value;
        if (SLACK_CHANNEL_ID.matcher(v).matches() || SLACK_CHANNEL_NAME.matcher(v).matches()) {
            return v;
        }
        throw new InvalidInputException(name, "must be a Slack channel id such as C0123ABCD (in Slack: the channel's name →"
                + " About → Channel ID) or its name such as #alerts-production (lower case, no spaces, at most 80 characters)");
    }

    /** A switch: JSON true/false, or the strings "true"/"false" a form sends. */
    private static String onOff(String name, Object raw) {
        if (raw instanceof Boolean b) {
            return b.toString();
        }
        if (raw instanceof String s && (s.strip().equals("true") || s.strip().equals("false"))) {
            return s.strip();
        }
        throw new InvalidInputException(name, "must be true or false");
    }

    /** Whether a channel's switch is on: on when the channel has no such setting stored (made before it existed). */
    public static boolean isOn(Map<String, String> config, String field) {
        return !"false".equals(config.get(field));
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
        for (String field : kind.fields()) {
            String value = config.get(field);
            if (value != null) {
                out.put(field, mask(kind, field, value));
            } else if (kind.setting(field).map(s -> s.type() == ChannelKind.Setting.Type.SWITCH).orElse(false)) {
                out.put(field, "true"); // a channel made before the switch existed: on
            }
        }
        return out;
    }

    static String mask(ChannelKind kind, String field, String value) {
        ChannelKind.Setting setting = kind.setting(field).orElse(null);
        if (setting == null || !setting.type().secret()) {
            return value;
        }
        return switch (setting.type()) {
            case URL -> maskUrl(value);
            case SIGNING_SECRET -> "whsec_****";
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
