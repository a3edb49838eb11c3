package io.bugmaster.alerting.actionlinks;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ActionLinksSqliteTest extends ActionLinksContract {}
