package io.bugmaster.slack;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackSeamsSqliteTest extends SlackSeamsContract {}
