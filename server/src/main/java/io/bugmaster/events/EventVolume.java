package io.bugmaster.events;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * How many events a project received in a time window, optionally only those with a tag value, a
 * message (title) containing a text, or a transaction name: what event-volume monitors compare with
 * earlier weeks. Cost: one range scan of the (project_id, received_at) index per window; a text or
 * transaction filter reads each of the window's rows; a tag other than level, environment and release
 * (which are columns) opens each event's stored payload, so it is refused over {@value #MAX_OPENED}
 * events in a window.
 */
@Service
public class EventVolume {
    /** Events whose payload a tag filter may open in one window. */
    public static final int MAX_OPENED = 50_000;
    /** Tags that are columns of their own (the others live in the payload). */
    static final Set<String> COLUMN_TAGS = Set.of("level", "environment", "release");

    private final EventStore store;

    EventVolume(EventStore store) {
        this.store = store;
    }

    /**
     * What to count: null fields filter nothing. {@code messageContains}: in the event's title (a
     * message event's message, an error's "Type: value"), ignoring case. {@code transaction}: transaction
     * events of that name. {@code tagKey}/{@code tagValue}: an exact tag value.
     */
    public record Filter(String tagKey, String tagValue, String messageContains, String transaction) {
        public static final Filter ALL = new Filter(null, null, null, null);
    }

    /** A tag filter would open more events than allowed; the message says how many and what to do. */
    public static final class TooManyToFilter extends RuntimeException {
        public TooManyToFilter(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Events received in [from, to).
     *
     * @throws TooManyToFilter a payload tag filter over more than {@value #MAX_OPENED} events
     */
    public long count(long projectId, Instant from, Instant to, Filter filter) {
        String message = filter.messageContains() == null || filter.messageContains().isBlank() ? null
                : filter.messageContains().toLowerCase(Locale.ROOT);
        String transaction = filter.transaction() == null || filter.transaction().isBlank() ? null : filter.transaction();
        if (filter.tagKey() == null || COLUMN_TAGS.contains(filter.tagKey())) {
            return store.countReceived(projectId, from.toEpochMilli(), to.toEpochMilli(), message, transaction, filter.tagKey(),
                    filter.tagValue());
        }
        return store.countReceivedWithTag(projectId, from.toEpochMilli(), to.toEpochMilli(), message, transaction, filter.tagKey(),
                filter.tagValue(), MAX_OPENED);
    }
}
