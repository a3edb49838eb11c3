package io.bugmaster.signals;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SignalsSqliteTest extends SignalsContract {}
