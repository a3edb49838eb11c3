package io.bugmaster.slack.messages;

import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The messages Bugmaster posted in Slack and what each is about ({@code issue:42},
 * {@code incident:7}): whoever posts one records it here, and a change to its subject anywhere
 * updates every one of them with {@code chat.update}.
 */
@Service
public class SlackMessageLog {
    /** At most this many messages of one subject are kept up to date (the newest). */
    public static final int MAX_PER_SUBJECT = 50;

    private final SlackMessageStore store;
    private final Transactions tx;
    private final Clock clock;

    SlackMessageLog(SlackMessageStore store, Transactions tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** A posted message: where it is (channel id and ts) and what it is about. */
    public record Posted(long id, long orgId, String subject, String channel, String ts, Instant createdAt, Instant updatedAt) {}

    public void record(long orgId, String subject, String channel, String ts) {
        tx.write(() -> store.record(orgId, subject, channel, ts, clock.instant()));
    }

    /** The messages about a subject, newest first. */
    public List<Posted> about(long orgId, String subject) {
        return store.bySubject(orgId, subject, MAX_PER_SUBJECT);
    }

    public int forgetBefore(Instant before) {
        return tx.write(() -> store.forgetBefore(before));
    }
}
