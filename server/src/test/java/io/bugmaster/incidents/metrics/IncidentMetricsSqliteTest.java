package io.bugmaster.incidents.metrics;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentMetricsSqliteTest extends IncidentMetricsContract {}
