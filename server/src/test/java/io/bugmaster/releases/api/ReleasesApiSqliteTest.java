package io.bugmaster.releases.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ReleasesApiSqliteTest extends ReleasesApiContract {}
