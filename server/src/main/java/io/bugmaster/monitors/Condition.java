package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;
import java.util.List;

/**
 * When a check's value means trouble: {@code value operator threshold}, for example "rows > 0" or
 * "first column >= 100". {@code operator}: gt, gte, lt, lte, eq, ne.
 */
@PureLogic
public record Condition(String operator, double threshold) {
    public static final List<String> OPERATORS = List.of("gt", "gte", "lt", "lte", "eq", "ne");

    public Condition {
        if (operator == null || !OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("a condition's operator is one of " + OPERATORS + ", got: " + operator);
        }
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("a condition's threshold is a number");
        }
    }

    /** "rows returned > 0": the SQL monitor's default. */
    public static Condition anyRows() {
        return new Condition("gt", 0);
    }

    public boolean holds(double value) {
        return switch (operator) {
            case "gt" -> value > threshold;
            case "gte" -> value >= threshold;
            case "lt" -> value < threshold;
            case "lte" -> value <= threshold;
            case "eq" -> value == threshold;
            default -> value != threshold;
        };
    }

    /** "> 0", "<= 2.5". */
    public String describe() {
        String op = switch (operator) {
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            case "lte" -> "<=";
            case "eq" -> "=";
            default -> "!=";
        };
        return op + " " + (threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15 ? Long.toString((long) threshold)
                : Double.toString(threshold));
    }
}
