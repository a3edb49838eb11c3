package io.bugmaster.engine;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class EnginePostgresTest extends EngineContract {}
