package io.bugmaster.issues.ownership;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OwnershipSqliteTest extends OwnershipContract {}
