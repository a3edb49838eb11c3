package io.bugmaster.incidents.postmortems;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PostmortemsSqliteTest extends PostmortemsContract {}
