package io.bugmaster.incidents;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class TimelineSqliteTest extends TimelineContract {}
