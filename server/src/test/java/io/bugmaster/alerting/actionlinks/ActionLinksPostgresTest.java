package io.bugmaster.alerting.actionlinks;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class ActionLinksPostgresTest extends ActionLinksContract {}
