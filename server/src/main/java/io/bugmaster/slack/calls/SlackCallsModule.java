package io.bugmaster.slack.calls;

import io.bugmaster.engine.Engine;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.engine.KeyedWorkers;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the queued Web API calls that are due, oldest first, at most {@value #BATCH} per cycle. The
 * cycle only claims them and hands each organization's calls, in order, to a sender of its own
 * ({@value #SENDERS} threads): a slow or hanging Slack never holds up the engine (paging runs in the
 * same loop), and one workspace's calls never overtake each other. A temporary failure (rate limit,
 * Slack or the network down) is tried again after a backoff that doubles from 10 s up to 30 min (or
 * after Slack's {@code Retry-After}), {@value #MAX_ATTEMPTS} times in all; a permanent one (channel
 * gone, token revoked) ends the call with its reason. Calls of an organization without a Slack
 * workspace any more fail at once.
 */
@Component
class SlackCallsModule implements EngineModule, DisposableBean {
    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 8;
    static final int SENDERS = 2;
    /** Longer than a batch of one organization's calls can take (each is cut off after twice the notify timeout). */
    private static final Duration CLAIM = Duration.ofMinutes(15);
    private static final Duration KEEP_FINISHED = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(SlackCallsModule.class);

    private final SlackCallStore store;
    private final SlackInstallations installations;
    private final SlackApi api;
    private final Transactions tx;
    private final Clock clock;
    /** One sender per organization at a time: a workspace's calls stay in order. */
    private final KeyedWorkers<Long> senders;

    SlackCallsModule(SlackCallStore store, SlackInstallations installations, SlackApi api, Transactions tx, Clock clock,
            ObjectProvider<Engine> engine) {
        this.store = store;
        this.installations = installations;
        this.api = api;
        this.tx = tx;
        this.clock = clock;
        this.senders = new KeyedWorkers<>("slack-caller", SENDERS, () -> {
            Engine e = engine.getIfAvailable();
            if (e != null) {
                e.poke();
            }
        });
    }

    @Override
    public String name() {
        return "slack-calls";
    }

    /** Claims the due calls and hands them to the senders, an organization's to one sender; returns without waiting. */
    @Override
    public void run(Instant now) {
        Map<Long, List<SlackCallStore.Call>> byOrg = new LinkedHashMap<>();
        for (SlackCallStore.Call call : store.due(now, BATCH)) {
            if (senders.busy(call.orgId())) {
                continue; // made after the calls being made now: its sender is busy, and the engine is poked when it is free
            }
            if (tx.write(() -> store.claim(call, now.plus(CLAIM)))) {
                byOrg.computeIfAbsent(call.orgId(), o -> new ArrayList<>()).add(call);
            }
        }
        byOrg.forEach(this::handOver);
        tx.write(() -> store.forgetFinishedBefore(now.minus(KEEP_FINISHED)));
    }

    private void handOver(long orgId, List<SlackCallStore.Call> calls) {
        // refused only while shutting down: the claimed calls are made when their claim runs out
        senders.handOver(orgId, () -> {
            try {
                Optional<SlackInstallation> installation = installations.forOrg(orgId);
                for (SlackCallStore.Call call : calls) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    make(call, installation);
                }
            } catch (RuntimeException e) {
                log.error("Slack calls of organization {} failed; they are tried again when their claim runs out", orgId, e);
            }
        });
    }

    private void make(SlackCallStore.Call call, Optional<SlackInstallation> installation) {
        if (installation.isEmpty()) {
            tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, "the organization has no Slack workspace connected", clock.instant()));
            return;
        }
        ObjectNode args;
        try {
            args = (ObjectNode) SlackApi.json().readTree(call.body());
        } catch (RuntimeException e) {
            tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, "not a JSON object: " + e.getMessage(), clock.instant()));
            return;
        }
        try {
            api.call(installation.get().botToken(), call.method(), args);
            tx.write(() -> store.finish(call.id(), SlackCallStore.DONE, null, clock.instant()));
        } catch (SlackApiException e) {
            Instant now = clock.instant();
            int attempts = call.attempts() + 1;
            if (e.permanent() || attempts >= MAX_ATTEMPTS) {
                log.info("Slack {} for organization {} failed for good: {}", call.method(), call.orgId(), e.getMessage());
                tx.write(() -> store.finish(call.id(), SlackCallStore.FAILED, e.getMessage(), now));
            } else {
                Duration wait = e.retryAfter() != null ? e.retryAfter() : backoff(attempts);
                tx.write(() -> store.retryAt(call.id(), now.plus(wait), e.getMessage(), now));
            }
        }
    }

    /** Waits until the senders have made the calls they were handed (at most the claim). */
    @Override
    public void awaitIdle() throws InterruptedException {
        senders.awaitIdle(CLAIM);
    }

    @Override
    public void destroy() {
        senders.shutdown();
    }

    static Duration backoff(int attempts) {
        long seconds = 10L << Math.min(attempts - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, Duration.ofMinutes(30).toSeconds()));
    }
}
