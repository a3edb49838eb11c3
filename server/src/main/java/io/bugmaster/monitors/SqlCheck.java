package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;

/**
 * An SQL monitor's check: a query run on a data source (read-only, with a statement timeout and a
 * row cap). {@code countRows}: the value is the number of rows returned ("Records: 97"); otherwise
 * it is the first column of the first row. The condition says when that value means trouble.
 */
@PureLogic
public record SqlCheck(long dataSourceId, String query, boolean countRows, Condition condition) {
    public static final int MAX_QUERY = 20_000;

    public SqlCheck {
        query = query == null ? "" : query.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("an SQL monitor's query is 1 to " + MAX_QUERY + " characters");
        }
        condition = condition == null ? Condition.anyRows() : condition;
    }
}
