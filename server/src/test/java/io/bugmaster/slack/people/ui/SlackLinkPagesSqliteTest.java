package io.bugmaster.slack.people.ui;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackLinkPagesSqliteTest extends SlackLinkPagesContract {}
