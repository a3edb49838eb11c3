package io.bugmaster.slack.inbound;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_seen: signatures, event ids and one-time connect links already acted on. */
@Repository
class SlackSeenStore {
    private final JdbcClient db;

    SlackSeenStore(JdbcClient db) {
        this.db = db;
    }

    /** Records {@code key}; false when it was already there (a replay, or Slack's retry of an event). */
    boolean firstTime(String key, Instant now) {
        return db.sql("INSERT INTO slack_seen (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")
                .params(key, now.toEpochMilli()).update() > 0;
    }

    int forgetBefore(Instant before) {
        return db.sql("DELETE FROM slack_seen WHERE seen_at < ?").param(before.toEpochMilli()).update();
    }
}
