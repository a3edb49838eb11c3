package io.bugmaster.issues.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SavedSearchesApiPostgresTest extends SavedSearchesApiContract {}
