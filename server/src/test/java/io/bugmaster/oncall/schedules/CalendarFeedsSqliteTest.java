package io.bugmaster.oncall.schedules;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class CalendarFeedsSqliteTest extends CalendarFeedsContract {}
