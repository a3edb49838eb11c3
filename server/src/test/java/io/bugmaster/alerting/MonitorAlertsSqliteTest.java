package io.bugmaster.alerting;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorAlertsSqliteTest extends MonitorAlertsContract {}
