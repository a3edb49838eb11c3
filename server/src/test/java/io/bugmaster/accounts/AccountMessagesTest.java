package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountMessagesTest {

    @Test
    void lifetimesReadAsPeopleSayThem() {
        assertThat(AccountMessages.words(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(AccountMessages.words(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(AccountMessages.words(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(AccountMessages.words(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(AccountMessages.words(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }

    @Test
    void anInvitationSaysWhoInvitedToWhatAndHowLongTheLinkWorks() {
        AccountMail.Message m = AccountMessages.invitation("dave@example.com", "Acme", "Alice (alice@example.com)",
                "https://bugs.example.com/accept/abc", Duration.ofDays(7));
        assertThat(m.to()).isEqualTo("dave@example.com");
        assertThat(m.subject()).isEqualTo("Alice (alice@example.com) invited you to Acme on Bugmaster");
        assertThat(m.text()).contains("https://bugs.example.com/accept/abc", "for 7 days", "ignore this email");
    }
}
