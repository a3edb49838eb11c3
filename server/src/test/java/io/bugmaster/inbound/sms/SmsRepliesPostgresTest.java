package io.bugmaster.inbound.sms;

import io.bugmaster.testing.PostgresTestDatabase;
import org.springframework.test.context.ContextConfiguration;

@ContextConfiguration(initializers = PostgresTestDatabase.class)
class SmsRepliesPostgresTest extends SmsRepliesContract {}
