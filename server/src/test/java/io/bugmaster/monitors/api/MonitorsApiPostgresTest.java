package io.bugmaster.monitors.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MonitorsApiPostgresTest extends MonitorsApiContract {}
