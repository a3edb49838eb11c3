package io.bugmaster.slack.install.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackInstallationApiSqliteTest extends SlackInstallationApiContract {}
