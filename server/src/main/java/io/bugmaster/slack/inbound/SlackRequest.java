package io.bugmaster.slack.inbound;

import io.bugmaster.slack.install.SlackInstallation;
import java.util.Map;

/**
 * A verified request from Slack: the installation whose signing secret signed it, the raw body and
 * Slack's retry count for events ({@code X-Slack-Retry-Num}, 0 for a first try).
 */
public record SlackRequest(SlackInstallation installation, String body, int retryNum) {

    /** The form fields of a slash command or interaction body (first value of each name). */
    public Map<String, String> form() {
        return SlackForms.parse(body);
    }
}
