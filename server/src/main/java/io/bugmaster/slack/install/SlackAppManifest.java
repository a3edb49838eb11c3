package io.bugmaster.slack.install;

import io.bugmaster.BugmasterProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Slack app this server needs, as an app manifest (YAML) to paste at api.slack.com/apps →
 * Create New App → From a manifest: the bot's scopes, the {@code /bugmaster} command, interactivity
 * and the events, each pointing at {@code BUGMASTER_BASE_URL}.
 */
@Component
public class SlackAppManifest {
    /** Every scope the app uses: posting and updating cards, the command, people, incident channels, pins and reactions. */
    public static final List<String> SCOPES = List.of("chat:write", "chat:write.public", "commands", "users:read", "users:read.email",
            "channels:manage", "channels:read", "channels:history", "groups:history", "pins:read", "reactions:read", "im:write");
    public static final List<String> BOT_EVENTS = List.of("pin_added", "reaction_added");

    private final String base;

    SlackAppManifest(BugmasterProperties props) {
        this.base = props.baseUrlTrimmed();
    }

    public String commandsUrl() {
        return base + "/slack/commands";
    }

    public String interactionsUrl() {
        return base + "/slack/interactions";
    }

    public String eventsUrl() {
        return base + "/slack/events";
    }

    /** The manifest, YAML, with this server's addresses. */
    public String yaml() {
        StringBuilder out = new StringBuilder();
        out.append("display_information:\n")
                .append("  name: Bugmaster\n")
                .append("  description: Errors, alerts and incidents you can act on without leaving Slack\n")
                .append("features:\n")
                .append("  bot_user:\n")
                .append("    display_name: Bugmaster\n")
                .append("    always_online: true\n")
                .append("  slash_commands:\n")
                .append("    - command: /bugmaster\n")
                .append("      url: ").append(quoted(commandsUrl())).append('\n')
                .append("      description: On call, incidents, acknowledge and resolve\n")
                .append("      usage_hint: \"oncall [team] | incident [title] | ack [n] | resolve [n] | status | help\"\n")
                .append("      should_escape: false\n")
                .append("oauth_config:\n")
                .append("  scopes:\n")
                .append("    bot:\n");
        SCOPES.forEach(s -> out.append("      - ").append(s).append('\n'));
        out.append("settings:\n")
                .append("  event_subscriptions:\n")
                .append("    request_url: ").append(quoted(eventsUrl())).append('\n')
                .append("    bot_events:\n");
        BOT_EVENTS.forEach(e -> out.append("      - ").append(e).append('\n'));
        out.append("  interactivity:\n")
                .append("    is_enabled: true\n")
                .append("    request_url: ").append(quoted(interactionsUrl())).append('\n')
                .append("  org_deploy_enabled: false\n")
                .append("  socket_mode_enabled: false\n")
                .append("  token_rotation_enabled: false\n");
        return out.toString();
    }

    /** A YAML double-quoted string. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
