package io.bugmaster.slack.interactions;

import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.SlackProperties;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ephemeral answers to the person who clicked, posted to the click's {@code response_url} after
 * Bugmaster has answered Slack (within its three seconds), by two threads with a bounded queue: when
 * Slack is slow, answers beyond the queue are dropped and logged rather than held. Only Slack's own
 * addresses are posted to ({@code https://hooks.slack.com/…}, or the host of
 * {@code BUGMASTER_SLACK_API_URL} when it points elsewhere), so a request signed with a leaked
 * signing secret cannot make Bugmaster post to an address of its choosing.
 */
@Component
class SlackResponses {
    private static final Logger log = LoggerFactory.getLogger(SlackResponses.class);
    private static final String SLACK_HOOKS = "hooks.slack.com";

    private final SlackApi api;
    private final URI apiUrl;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(200), r -> {
        Thread t = new Thread(r, "slack-responses");
        t.setDaemon(true);
        return t;
    }, (task, pool) -> log.warn("Slack answers are not getting through fast enough: one ephemeral answer was dropped"));

    SlackResponses(SlackApi api, SlackProperties props) {
        this.api = api;
        this.apiUrl = URI.create(props.slackApiUrl());
        senders.allowCoreThreadTimeOut(true);
    }

    /** Tells the person who clicked, only them; a response_url that is not Slack's is ignored (and logged). */
    void ephemeral(String responseUrl, String text) {
        if (responseUrl == null) {
            log.debug("A Slack click without a response_url: not answered");
            return;
        }
        if (!trusted(responseUrl, apiUrl)) {
            log.warn("A Slack click's response_url is not Slack's: not answered");
            return;
        }
        ObjectNode message = SlackApi.object().put("response_type", "ephemeral").put("replace_original", false).put("text", text);
        senders.execute(() -> {
            try {
                api.respond(responseUrl, message);
            } catch (SlackApiException e) {
                log.info("Slack did not take an ephemeral answer: {}", e.getMessage());
            }
        });
    }

    /** Whether a response_url is Slack's: https on hooks.slack.com, or the scheme, host and port of the configured Web API URL. */
    static boolean trusted(String responseUrl, URI apiUrl) {
        if (responseUrl == null || responseUrl.length() > 2000) {
            return false;
        }
        URI url;
        try {
            url = URI.create(responseUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (url.getScheme() == null || url.getHost() == null || url.getRawUserInfo() != null) {
            return false;
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if ("https".equals(url.getScheme()) && host.equals(SLACK_HOOKS) && (url.getPort() == -1 || url.getPort() == 443)) {
            return true;
        }
        return url.getScheme().equals(apiUrl.getScheme()) && host.equals(apiUrl.getHost().toLowerCase(Locale.ROOT))
                && url.getPort() == apiUrl.getPort();
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }
}
