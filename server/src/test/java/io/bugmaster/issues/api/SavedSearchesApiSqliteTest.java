package io.bugmaster.issues.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SavedSearchesApiSqliteTest extends SavedSearchesApiContract {}
