package io.bugmaster.changes;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class WhatChangedSqliteTest extends WhatChangedContract {}
