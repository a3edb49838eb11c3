package io.bugmaster.accounts;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AccountMailSqliteTest extends AccountMailContract {}
