package io.bugmaster.monitors.volume;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class VolumeMonitorSqliteTest extends VolumeMonitorContract {}
