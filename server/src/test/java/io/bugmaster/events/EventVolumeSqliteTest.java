package io.bugmaster.events;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EventVolumeSqliteTest extends EventVolumeContract {}
