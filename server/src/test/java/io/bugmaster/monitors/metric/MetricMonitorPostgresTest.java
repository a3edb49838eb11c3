package io.bugmaster.monitors.metric;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MetricMonitorPostgresTest extends MetricMonitorContract {}
