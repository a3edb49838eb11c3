package io.bugmaster.slack.commands;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackCommandsPostgresTest extends SlackCommandsContract {}
