package io.bugmaster.slack.interactions;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackClicksPostgresTest extends SlackClicksContract {}
