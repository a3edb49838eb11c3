package io.bugmaster.slack.interactions;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackClicksSqliteTest extends SlackClicksContract {}
