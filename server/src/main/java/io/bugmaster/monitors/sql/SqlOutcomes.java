package io.bugmaster.monitors.sql;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.SqlCheck;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what an SQL monitor's query returned, or why it could not run, into its result: the value
 * the condition looks at (the rows, or the first column of the first row), firing or ok, the line
 * people read ({@code Records: 97}, {@code pending = 2,345 (> 1,000)}) and the detail kept with it
 * ({@code {"columns":[...],"rows":[[...]],"truncated":bool}} or {@code {"error":"..."}}). The words
 * stay the same while the situation does, so a monitor that keeps failing alike is told once.
 */
@PureLogic
final class SqlOutcomes {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SqlOutcomes() {}

    /** The columns and first rows; {@code truncated}: the query returned more rows than are kept here. */
    record Rows(List<String> columns, List<List<String>> rows, boolean truncated) {}

    record Failure(String error) {}

    static CheckResult of(SqlCheck check, QueryOutput out, long durationMs) {
        String detail = JSON.writeValueAsString(new Rows(out.columns(), out.rows(), out.capped() || out.count() > out.rows().size()));
        Condition condition = check.condition();
        if (check.countRows()) {
            double value = out.count();
            String said = "Records: " + grouped(out.count()) + (out.capped() ? "+" : "");
            return new CheckResult(condition.holds(value) ? CheckResult.Outcome.FIRING : CheckResult.Outcome.OK, value, out.count(), said,
                    detail, durationMs);
        }
        String column = out.columns().isEmpty() ? "first column" : out.columns().get(0);
        if (out.count() == 0) {
            return error("the query returned no rows, so there is no " + column + " to compare " + describe(condition), durationMs);
        }
        Double value = number(out.firstCell());
        if (value == null) {
            String cell = out.firstCell() == null ? "NULL" : "'" + ReadOnlyQuery.clip(out.firstCell()) + "'";
            return error(column + " is " + cell + ", not a number to compare " + describe(condition), durationMs);
        }
        String said = column + " = " + number(value) + " (" + describe(condition) + ")";
        return new CheckResult(condition.holds(value) ? CheckResult.Outcome.FIRING : CheckResult.Outcome.OK, value, out.count(), said, detail,
                durationMs);
    }

    static CheckResult error(String said, long durationMs) {
        return new CheckResult(CheckResult.Outcome.ERROR, null, null, said, JSON.writeValueAsString(new Failure(said)), durationMs);
    }

    static String timedOut(Duration timeout) {
        return "the query ran longer than " + human(timeout) + " and was stopped (BUGMASTER_SQL_MONITOR_TIMEOUT)";
    }

    static String queryFailed(String message) {
        return "the query failed: " + message;
    }

    /** "> 1,000", "<= 2.5". */
    static String describe(Condition c) {
        String op = c.describe();
        return op.substring(0, op.indexOf(' ')) + " " + number(c.threshold());
    }

    /** 2,345; 0.93; 1,234.5 (at most 4 decimals). */
    static String number(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static Double number(String cell) {
        if (cell == null) {
            return null;
        }
        try {
            double d = new BigDecimal(cell.strip()).doubleValue();
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? s / 60 + " min" : s + " s";
    }
}
