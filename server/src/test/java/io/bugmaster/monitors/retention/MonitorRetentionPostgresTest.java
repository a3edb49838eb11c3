package io.bugmaster.monitors.retention;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MonitorRetentionPostgresTest extends MonitorRetentionContract {}
