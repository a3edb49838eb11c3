package io.bugmaster.inbound.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsCommandTest {
    @Test
    void readsAckAndResolveInAnyCaseWithAnySpaces() {
        assertThat(SmsCommand.parse("ack 42")).contains(new SmsCommand(SmsCommand.Verb.ACKNOWLEDGE, 42));
        assertThat(SmsCommand.parse("  ACK   #42 ")).contains(new SmsCommand(SmsCommand.Verb.ACKNOWLEDGE, 42));
        assertThat(SmsCommand.parse("Acknowledge 7")).contains(new SmsCommand(SmsCommand.Verb.ACKNOWLEDGE, 7));
        assertThat(SmsCommand.parse("a 7")).contains(new SmsCommand(SmsCommand.Verb.ACKNOWLEDGE, 7));
        assertThat(SmsCommand.parse("ack42")).contains(new SmsCommand(SmsCommand.Verb.ACKNOWLEDGE, 42));
        assertThat(SmsCommand.parse("Resolve 42.")).contains(new SmsCommand(SmsCommand.Verb.RESOLVE, 42));
        assertThat(SmsCommand.parse("r 3")).contains(new SmsCommand(SmsCommand.Verb.RESOLVE, 3));
    }

    @Test
    void anythingElseIsNoCommand() {
        assertThat(SmsCommand.parse("ack")).isEmpty();
        assertThat(SmsCommand.parse("ack 42 and resolve 43")).isEmpty();
        assertThat(SmsCommand.parse("please ack 42")).isEmpty();
        assertThat(SmsCommand.parse("ack -1")).isEmpty();
        assertThat(SmsCommand.parse("ack 1234567890123456")).isEmpty();
        assertThat(SmsCommand.parse(null)).isEmpty();
        assertThat(SmsCommand.parse("ack 4" + " ".repeat(200))).isEmpty();
    }
}
