package io.bugmaster.oncall.notices;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class OnCallNoticesPostgresTest extends OnCallNoticesContract {}
