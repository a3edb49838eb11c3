package io.bugmaster.notify.settings;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class NotificationSettingsSqliteTest extends NotificationSettingsContract {}
