package io.bugmaster.e2e;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class BugmasterRotationPostgresTest extends BugmasterRotationContract {}
