package io.bugmaster.oncall.schedules.api;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SchedulesApiSqliteTest extends SchedulesApiContract {}
