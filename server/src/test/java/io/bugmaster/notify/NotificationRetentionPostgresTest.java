package io.bugmaster.notify;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class NotificationRetentionPostgresTest extends NotificationRetentionContract {}
