package io.bugmaster.accounts;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class AccountMailPostgresTest extends AccountMailContract {}
