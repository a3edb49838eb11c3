package io.bugmaster.slack.messages;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackCardsSqliteTest extends SlackCardsContract {}
