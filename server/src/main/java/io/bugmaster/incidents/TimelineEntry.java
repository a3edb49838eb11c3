package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/**
 * One entry of an incident's timeline: a line of its log, or an entry a {@link TimelineSource}
 * computes (a change in the window before it, a linked issue's spike, a page's delivery).
 * {@code id} is unique within the timeline ("log:12", "change:4"); {@code link} may be null;
 * {@code automatic} entries cannot be edited (people's notes can); {@code pinned} entries are shown first.
 * A note whose time was corrected keeps when it was written in {@code originalAt}; {@code editedAt}
 * is when its text or time last changed (both null otherwise).
 */
@PureLogic
public record TimelineEntry(String id, Instant at, String kind, Long userId, String actor, String via, String message, String link,
        boolean automatic, boolean pinned, Instant originalAt, Instant editedAt) {

    /** The kind of the lines people write. */
    public static final String NOTE = "note";

    /** An entry that was never edited (what {@link TimelineSource}s compute). */
    public TimelineEntry(String id, Instant at, String kind, Long userId, String actor, String via, String message, String link,
            boolean automatic, boolean pinned) {
        this(id, at, kind, userId, actor, via, message, link, automatic, pinned, null, null);
    }

    /** The same entry, pinned or not. */
    public TimelineEntry withPinned(boolean pinned) {
        return new TimelineEntry(id, at, kind, userId, actor, via, message, link, automatic, pinned, originalAt, editedAt);
    }

    /** A note people wrote (it can be edited), as opposed to a line the system wrote. */
    public boolean note() {
        return !automatic && NOTE.equals(kind);
    }
}
