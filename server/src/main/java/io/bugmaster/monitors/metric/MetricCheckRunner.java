package io.bugmaster.monitors.metric;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.CheckRunner;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a metric monitor's PromQL query against its Prometheus data source and compares the answer
 * ({@link MetricEvaluation}). Since when each series has held comes from the monitor's last run that
 * read an answer: a run that could not reach Prometheus does not restart the {@code for} clock. What
 * a run found about the data source (it answered, or why not) is kept on the data source too.
 */
@Component
class MetricCheckRunner implements CheckRunner {
    /** Runs looked back through for the last one that read an answer (the others are errors). */
    private static final int LOOK_BACK = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrometheusClient prometheus;
    private final DataSources sources;
    private final MonitorStore store;
    private final Clock clock;

    MetricCheckRunner(PrometheusClient prometheus, DataSources sources, MonitorStore store, Clock clock) {
        this.prometheus = prometheus;
        this.sources = sources;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public MonitorKind kind() {
        return MonitorKind.METRIC;
    }

    @Override
    public CheckResult run(Monitor monitor, Instant now) {
        MetricCheck check = monitor.config().metric();
        Optional<DataSource> found = sources.find(monitor.orgId(), check.dataSourceId());
        if (found.isEmpty() || found.get().kind() != DataSourceKind.PROMETHEUS) {
            return error("the monitor's Prometheus data source " + check.dataSourceId() + " no longer exists", now);
        }
        DataSource source = found.get();
        PrometheusAnswer.Read read = prometheus.query(source, sources.secret(source).orElse(null), check.query());
        if (!Objects.equals(source.checkError(), read.error()) || source.checkedAt() == null) {
            sources.checked(source, read.error());
        }
        if (read.failed()) {
            return error("could not run the query on " + source.name() + ": " + read.error(), now);
        }
        String previous = store.latestResults(monitor.id(), LOOK_BACK).stream()
                .filter(r -> !CheckResult.Outcome.ERROR.id().equals(r.outcome())).findFirst().map(MonitorStore.Result::detail).orElse(null);
        MetricEvaluation.Found result = MetricEvaluation.evaluate(read.series(), check, previous, now);
        return new CheckResult(result.outcome(), result.value(), null, result.said(), result.detail(), took(now));
    }

    private CheckResult error(String said, Instant started) {
        String detail = JSON.writeValueAsString(Map.of("error", said));
        return new CheckResult(CheckResult.Outcome.ERROR, null, null, said, detail, took(started));
    }

    private long took(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }
}
