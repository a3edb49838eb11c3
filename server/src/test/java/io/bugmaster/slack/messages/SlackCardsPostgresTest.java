package io.bugmaster.slack.messages;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackCardsPostgresTest extends SlackCardsContract {}
