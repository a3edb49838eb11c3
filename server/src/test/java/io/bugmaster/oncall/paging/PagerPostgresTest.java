package io.bugmaster.oncall.paging;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class PagerPostgresTest extends PagerContract {}
