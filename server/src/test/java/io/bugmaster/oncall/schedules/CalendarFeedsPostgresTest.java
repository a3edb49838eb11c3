package io.bugmaster.oncall.schedules;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class CalendarFeedsPostgresTest extends CalendarFeedsContract {}
