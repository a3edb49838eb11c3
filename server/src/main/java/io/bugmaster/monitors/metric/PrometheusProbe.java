package io.bugmaster.monitors.metric;

import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSourceProbe;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tests a Prometheus data source with the query {@code 1}: it must answer with Prometheus's JSON, with the credentials given. */
@Component
class PrometheusProbe implements DataSourceProbe {
    private final PrometheusClient prometheus;

    PrometheusProbe(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    @Override
    public boolean handles(DataSourceKind kind) {
        return kind == DataSourceKind.PROMETHEUS;
    }

    @Override
    public Optional<String> probe(DataSource source, String secret) {
        return Optional.ofNullable(prometheus.query(source, secret, "1").error());
    }
}
