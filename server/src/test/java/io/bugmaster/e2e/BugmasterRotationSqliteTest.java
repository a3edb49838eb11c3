package io.bugmaster.e2e;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class BugmasterRotationSqliteTest extends BugmasterRotationContract {}
