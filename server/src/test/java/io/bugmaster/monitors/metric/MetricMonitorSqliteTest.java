package io.bugmaster.monitors.metric;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MetricMonitorSqliteTest extends MetricMonitorContract {}
