package io.bugmaster.slack.people.ui;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackLinkPagesPostgresTest extends SlackLinkPagesContract {}
