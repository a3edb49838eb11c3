package io.bugmaster.slack.inbound;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackInboundSqliteTest extends SlackInboundContract {}
