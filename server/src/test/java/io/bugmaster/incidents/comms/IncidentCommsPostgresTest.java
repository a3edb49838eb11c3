package io.bugmaster.incidents.comms;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class IncidentCommsPostgresTest extends IncidentCommsContract {}
