package io.bugmaster.notify;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of notification channel, one transport package each under {@code notify/}. */
@PureLogic
public enum ChannelKind {
    SLACK("slack", "Slack"),
    MATTERMOST("mattermost", "Mattermost"),
    DISCORD("discord", "Discord"),
    TEAMS("teams", "Microsoft Teams"),
    EMAIL("email", "Email"),
    WEBHOOK("webhook", "Webhook"),
    PAGERDUTY("pagerduty", "PagerDuty");

    private final String id;
    private final String title;

    ChannelKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static ChannelKind parse(String field, String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (ChannelKind kind : values()) {
                if (kind.id.equals(wanted)) {
                    return kind;
                }
            }
        }
        throw new InvalidInputException(field, (value == null ? "is required" : "unknown kind '" + value + "'")
                + "; use one of " + Arrays.stream(values()).map(ChannelKind::id).collect(Collectors.joining(", ")));
    }
}
