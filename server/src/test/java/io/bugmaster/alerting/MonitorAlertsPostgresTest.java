package io.bugmaster.alerting;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class MonitorAlertsPostgresTest extends MonitorAlertsContract {}
