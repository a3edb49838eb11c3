package io.bugmaster.notify;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class NotificationRetentionSqliteTest extends NotificationRetentionContract {}
