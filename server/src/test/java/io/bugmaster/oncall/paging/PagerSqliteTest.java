package io.bugmaster.oncall.paging;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PagerSqliteTest extends PagerContract {}
