package io.bugmaster.monitors.cron;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class CronMonitorsPostgresTest extends CronMonitorsContract {}
