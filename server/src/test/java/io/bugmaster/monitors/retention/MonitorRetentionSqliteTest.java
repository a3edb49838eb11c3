package io.bugmaster.monitors.retention;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorRetentionSqliteTest extends MonitorRetentionContract {}
