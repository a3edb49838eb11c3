package io.bugmaster.incidents.comms;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentCommsSqliteTest extends IncidentCommsContract {}
