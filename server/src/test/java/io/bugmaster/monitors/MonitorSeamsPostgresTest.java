package io.bugmaster.monitors;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MonitorSeamsPostgresTest extends MonitorSeamsContract {}
