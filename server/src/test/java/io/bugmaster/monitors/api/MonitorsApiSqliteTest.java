package io.bugmaster.monitors.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorsApiSqliteTest extends MonitorsApiContract {}
