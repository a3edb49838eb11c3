package io.bugmaster.oncall.people.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class PeopleApiPostgresTest extends PeopleApiContract {}
