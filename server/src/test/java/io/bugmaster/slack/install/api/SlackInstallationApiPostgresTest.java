package io.bugmaster.slack.install.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SlackInstallationApiPostgresTest extends SlackInstallationApiContract {}
