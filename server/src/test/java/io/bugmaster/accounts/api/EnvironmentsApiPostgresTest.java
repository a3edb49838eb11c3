package io.bugmaster.accounts.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class EnvironmentsApiPostgresTest extends EnvironmentsApiContract {}
