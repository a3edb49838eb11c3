package io.bugmaster.issues.ownership;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class OwnershipPostgresTest extends OwnershipContract {}
