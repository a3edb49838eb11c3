package io.bugmaster.incidents.metrics.ui;

import io.bugmaster.incidents.metrics.ReadableDuration;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Durations in words for the metrics templates: {@code ${@metricsFormat.of(d)}} ("-" for none). */
@Component("metricsFormat")
class MetricsFormat {
    public String of(Duration d) {
        return ReadableDuration.of(d);
    }
}
