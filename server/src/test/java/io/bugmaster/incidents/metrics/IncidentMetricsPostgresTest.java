package io.bugmaster.incidents.metrics;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class IncidentMetricsPostgresTest extends IncidentMetricsContract {}
