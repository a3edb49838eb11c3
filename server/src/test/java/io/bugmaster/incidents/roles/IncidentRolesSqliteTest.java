package io.bugmaster.incidents.roles;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentRolesSqliteTest extends IncidentRolesContract {}
