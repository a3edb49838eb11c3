package io.bugmaster.slack;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackSeamsPostgresTest extends SlackSeamsContract {}
