package io.bugmaster.notify.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class NotificationChannelsApiSqliteTest extends NotificationChannelsApiContract {}
