package io.bugmaster.monitors.sql;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * What a monitor's query returned.
 *
 * @param columns   the column names (clipped)
 * @param rows      the first rows, each cell as text (null for SQL NULL), clipped
 * @param count     rows read, at most {@link ReadOnlyQuery#ROW_CAP}
 * @param capped    there were more than that
 * @param firstCell the first row's first column as the database wrote it (unclipped), or null
 */
@PureLogic
record QueryOutput(List<String> columns, List<List<String>> rows, long count, boolean capped, String firstCell) {}
