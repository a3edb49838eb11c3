package io.bugmaster.oncall.schedules.api;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SchedulesApiPostgresTest extends SchedulesApiContract {}
