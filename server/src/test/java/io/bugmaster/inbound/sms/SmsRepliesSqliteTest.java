package io.bugmaster.inbound.sms;

import io.bugmaster.testing.SqliteTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SmsRepliesSqliteTest extends SmsRepliesContract {}
