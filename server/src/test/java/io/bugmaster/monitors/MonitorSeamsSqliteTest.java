package io.bugmaster.monitors;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorSeamsSqliteTest extends MonitorSeamsContract {}
