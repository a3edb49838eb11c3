package io.bugmaster.oncall.people.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PeopleApiSqliteTest extends PeopleApiContract {}
