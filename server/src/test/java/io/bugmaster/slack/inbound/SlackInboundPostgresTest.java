package io.bugmaster.slack.inbound;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackInboundPostgresTest extends SlackInboundContract {}
