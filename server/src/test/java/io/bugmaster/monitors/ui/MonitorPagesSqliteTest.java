package io.bugmaster.monitors.ui;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorPagesSqliteTest extends MonitorPagesContract {}
