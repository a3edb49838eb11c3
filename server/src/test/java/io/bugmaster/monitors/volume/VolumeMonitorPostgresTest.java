package io.bugmaster.monitors.volume;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class VolumeMonitorPostgresTest extends VolumeMonitorContract {}
