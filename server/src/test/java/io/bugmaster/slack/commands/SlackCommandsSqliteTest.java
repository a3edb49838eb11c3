package io.bugmaster.slack.commands;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackCommandsSqliteTest extends SlackCommandsContract {}
