package io.bugmaster.oncall.triage;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class TriageRotationApiSqliteTest extends TriageRotationApiContract {}
