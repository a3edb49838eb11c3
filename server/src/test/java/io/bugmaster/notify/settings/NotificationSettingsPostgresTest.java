package io.bugmaster.notify.settings;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class NotificationSettingsPostgresTest extends NotificationSettingsContract {}
