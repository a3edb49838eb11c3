package io.bugmaster.incidents.roles;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class IncidentRolesPostgresTest extends IncidentRolesContract {}
