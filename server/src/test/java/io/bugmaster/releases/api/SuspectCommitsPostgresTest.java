package io.bugmaster.releases.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SuspectCommitsPostgresTest extends SuspectCommitsContract {}
