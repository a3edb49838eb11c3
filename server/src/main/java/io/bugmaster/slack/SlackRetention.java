package io.bugmaster.slack;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.slack.inbound.SlackRequestLog;
import io.bugmaster.slack.messages.SlackMessageLog;
import io.bugmaster.slack.people.SlackPeople;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Forgets what the Slack app no longer needs: the signatures and event ids of requests older than
 * the signature window and Slack's retries (a request that old is refused by its timestamp anyway)
 * and used one-time links (kept as long as a link is valid),
 * and the messages posted more than {@link #KEEP_MESSAGES} ago (they are no longer updated in place).
 */
@Component
class SlackRetention implements EngineModule {
    /** An hour (Slack retries an event for minutes), and never less than a connect link lives: a used link must stay used. */
    static final Duration KEEP_REQUESTS = max(Duration.ofHours(1), SlackPeople.CONNECT_LINK_LIFETIME.plus(Duration.ofMinutes(5)));
    static final Duration KEEP_MESSAGES = Duration.ofDays(90);

    private final SlackRequestLog requests;
    private final SlackMessageLog messages;

    SlackRetention(SlackRequestLog requests, SlackMessageLog messages) {
        this.requests = requests;
        this.messages = messages;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String name() {
        return "slack-retention";
    }

    @Override
    public void run(Instant now) {
        requests.forgetBefore(now.minus(KEEP_REQUESTS));
        messages.forgetBefore(now.minus(KEEP_MESSAGES));
    }
}
