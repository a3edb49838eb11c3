package io.bugmaster.slack.calls;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the queued Web API calls that are due, oldest first, at most {@value #BATCH} per cycle. A
 * temporary failure (rate limit, Slack or the network down) is tried again after a backoff that
 * doubles from 10 s up to 30 min (or after Slack's {@code Retry-After}), {@value #MAX_ATTEMPTS}
 * times in all; a permanent one (channel gone, token revoked) ends the call with its reason.
 * Calls of an organization without a Slack workspace any more fail at once.
 */
@Component
class SlackCallsModule implements EngineModule {
    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 8;
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration KEEP_FINISHED = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(SlackCallsModule.class);

    private final SlackCallStore store;
    private final SlackInstallations installations;
    private final SlackApi api;
    private final Transactions tx;

    SlackCallsModule(SlackCallStore store, SlackInstallations installations, SlackApi api, Transactions tx) {
        this.store = store;
        this.installations = installations;
        this.api = api;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "slack-calls";
    }

    @Override
    public void run(Instant now) {
        List<SlackCallStore.Call> due = store.due(now, BATCH);
        Map<Long, Optional<SlackInstallation>> byOrg = new HashMap<>();
        for (SlackCallStore.Call call : due) {
            if (!tx.write(() -> store.claim(call, now.plus(CLAIM)))) {
                continue;
            }
            Optional<SlackInstallation> installation = byOrg.computeIfAbsent(call.orgId(), installations::forOrg);
            if (installation.isEmpty()) {
                tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, "the organization has no Slack workspace connected", now));
                continue;
            }
            try {
                ObjectNode args = (ObjectNode) SlackApi.json().readTree(call.body());
                JsonNode reply = api.call(installation.get().botToken(), call.method(), args);
                tx.write(() -> store.finish(call.id(), SlackCallStore.DONE, null, now));
                log.debug("Slack {} done: {}", call.method(), reply.path("ts").asString(""));
            } catch (SlackApiException e) {
                int attempts = call.attempts() + 1;
                if (e.permanent() || attempts >= MAX_ATTEMPTS) {
                    log.info("Slack {} for organization {} failed for good: {}", call.method(), call.orgId(), e.getMessage());
                    tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, e.getMessage(), now));
                } else {
                    Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(attempts);
                    tx.write(() -> store.retryAt(call.id(), now.plus(wait), e.getMessage(), now));
                }
            } catch (RuntimeException e) {
                tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, "not a JSON object: " + e.getMessage(), now));
            }
        }
        tx.write(() -> store.forgetFinishedBefore(now.minus(KEEP_FINISHED)));
    }

    static Duration backoff(int attempts) {
        long seconds = 10L << Math.min(attempts - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, Duration.ofMinutes(30).toSeconds()));
    }
}
