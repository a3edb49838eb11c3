package io.bugmaster.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL {@code IN (...)} lists: their placeholders, and long lists cut into chunks, so that one
 * statement never binds more parameters than SQLite or PostgreSQL accept.
 */
public final class InLists {
    /** Ids per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
    public static final int CHUNK = 500;

    private InLists() {}

    /** {@code n} placeholders, "?, ?, ?". */
    public static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** The list in consecutive views of at most {@link #CHUNK} elements. */
    public static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }
}
