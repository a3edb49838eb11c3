package io.bugmaster.notify.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class NotificationChannelsApiPostgresTest extends NotificationChannelsApiContract {}
