package io.bugmaster.events;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class EventVolumePostgresTest extends EventVolumeContract {}
