package io.bugmaster.common;

import java.util.List;

/** One page of a list and whether more follow; the HTTP layer turns it into Sentry-style Link cursors. */
public record Page<T>(List<T> items, int offset, int limit, boolean hasMore) {

    /** Builds a page from a query that fetched {@code limit + 1} rows to learn whether more follow. */
    public static <T> Page<T> of(List<T> fetched, int offset, int limit) {
        boolean more = fetched.size() > limit;
        return new Page<>(more ? List.copyOf(fetched.subList(0, limit)) : List.copyOf(fetched), offset, limit, more);
    }
}
