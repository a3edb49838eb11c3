package io.bugmaster.incidents;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class TimelinePostgresTest extends TimelineContract {}
