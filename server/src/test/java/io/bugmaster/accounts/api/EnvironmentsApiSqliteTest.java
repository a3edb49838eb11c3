package io.bugmaster.accounts.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EnvironmentsApiSqliteTest extends EnvironmentsApiContract {}
