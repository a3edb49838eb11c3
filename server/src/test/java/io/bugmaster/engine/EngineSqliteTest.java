package io.bugmaster.engine;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EngineSqliteTest extends EngineContract {}
