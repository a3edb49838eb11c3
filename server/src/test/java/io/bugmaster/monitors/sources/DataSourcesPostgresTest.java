package io.bugmaster.monitors.sources;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class DataSourcesPostgresTest extends DataSourcesContract {}
