package io.bugmaster.oncall.triage;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class TriageRotationApiPostgresTest extends TriageRotationApiContract {}
