package io.bugmaster.slack;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slack app's settings, bound from {@code BUGMASTER_*} variables; documented in docs/slack.md
 * and docs/configuration.md.
 *
 * @param slackApiUrl where Slack's Web API is ({@code BUGMASTER_SLACK_API_URL}): tests and proxies
 *        point it elsewhere; the outbound policy applies to it like to every other URL
 */
@ConfigurationProperties(prefix = "bugmaster")
public record SlackProperties(@DefaultValue("https://slack.com/api") String slackApiUrl) {

    public SlackProperties {
        java.net.URI uri;
        try {
            uri = java.net.URI.create(slackApiUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BUGMASTER_SLACK_API_URL is not a URL: " + slackApiUrl);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("BUGMASTER_SLACK_API_URL must be an http:// or https:// URL with a host, got: " + slackApiUrl);
        }
        slackApiUrl = slackApiUrl.endsWith("/") ? slackApiUrl.substring(0, slackApiUrl.length() - 1) : slackApiUrl;
    }
}
