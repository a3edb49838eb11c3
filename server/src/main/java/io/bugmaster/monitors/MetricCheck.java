package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;

/**
 * A metric monitor's check: a PromQL query against a Prometheus-compatible data source; each series
 * of the answer is compared with the condition, and the monitor fires when the condition has held
 * for {@code forMinutes} (0: at once), as a Prometheus alerting rule's {@code for} does.
 */
@PureLogic
public record MetricCheck(long dataSourceId, String query, Condition condition, int forMinutes) {
    public static final int MAX_QUERY = 5_000;

    public MetricCheck {
        query = query == null ? "" : query.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("a metric monitor's query is 1 to " + MAX_QUERY + " characters of PromQL");
        }
        if (condition == null) {
            throw new IllegalArgumentException("a metric monitor needs a condition (operator and threshold)");
        }
        if (forMinutes < 0 || forMinutes > 7 * 24 * 60) {
            throw new IllegalArgumentException("a metric monitor's 'for' is 0 to 10080 minutes");
        }
    }
}
