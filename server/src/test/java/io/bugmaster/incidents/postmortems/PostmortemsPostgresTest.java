package io.bugmaster.incidents.postmortems;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class PostmortemsPostgresTest extends PostmortemsContract {}
