package io.bugmaster.slack.calls;

import io.bugmaster.engine.Engine;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * Web API calls that must not be lost ({@code chat.update} of a message whose subject changed,
 * {@code chat.postEphemeral}, {@code conversations.invite}): queued in the caller's transaction and
 * made by the {@code slack-calls} engine module with the organization's bot token, retried with
 * backoff (Slack's {@code Retry-After} when it rate-limits) until they succeed or fail for good.
 */
@Service
public class SlackCalls {
    private final SlackCallStore store;
    private final Transactions tx;
    private final Clock clock;
    private final ObjectProvider<Engine> engine;

    SlackCalls(SlackCallStore store, Transactions tx, Clock clock, ObjectProvider<Engine> engine) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Queues {@code method} with {@code args}. With a {@code coalesceKey} ({@code update:C123:1503435956.000247}),
     * a waiting call of the same key is dropped: only the newest state of a message needs sending.
     */
    public long enqueue(long orgId, String method, ObjectNode args, String coalesceKey) {
        long id = tx.write(() -> store.insert(orgId, method, args.toString(), coalesceKey, clock.instant()));
        Engine e = engine.getIfAvailable();
        if (e != null) {
            e.poke();
        }
        return id;
    }

    /** A queued call as shown to admins (the settings page's recent activity). */
    public record Recent(long id, String method, String state, int attempts, String lastError, Instant createdAt) {}

    public List<Recent> recent(long orgId, int limit) {
        return store.recent(orgId, limit).stream().map(c -> new Recent(c.id(), c.method(), c.state(), c.attempts(), c.lastError(),
                c.createdAt())).toList();
    }
}
