package io.bugmaster.monitors.sources;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DataSourcesSqliteTest extends DataSourcesContract {}
