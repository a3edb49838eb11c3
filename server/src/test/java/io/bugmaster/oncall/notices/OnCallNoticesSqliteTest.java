package io.bugmaster.oncall.notices;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OnCallNoticesSqliteTest extends OnCallNoticesContract {}
