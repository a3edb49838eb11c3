package io.bugmaster.monitors.ui;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MonitorPagesPostgresTest extends MonitorPagesContract {}
