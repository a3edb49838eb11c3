package io.bugmaster.monitors.cron;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class CronMonitorsSqliteTest extends CronMonitorsContract {}
