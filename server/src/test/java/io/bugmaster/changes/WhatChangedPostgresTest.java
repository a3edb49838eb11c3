package io.bugmaster.changes;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class WhatChangedPostgresTest extends WhatChangedContract {}
