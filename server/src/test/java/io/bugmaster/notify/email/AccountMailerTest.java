package io.bugmaster.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.AccountMail;
import io.bugmaster.notify.NotifyProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Account emails when the SMTP server cannot be reached, or is not set up: a reason an admin can act on. */
class AccountMailerTest {

    static NotifyProperties smtp(String host, int port) {
        return new NotifyProperties(null, null, Duration.ofSeconds(2), "https://events.pagerduty.com/v2/enqueue", host, port,
                null, null, "none", "bugmaster@example.com");
    }

    @Test
    void anUnreachableSmtpServerIsNotSentWithWhereItTried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        NotifyProperties props = smtp("127.0.0.1", closed);
        AccountMailer mailer = new AccountMailer(props, new SmtpSender(props));
        assertThat(mailer.enabled()).isTrue();
        assertThatThrownBy(() -> mailer.send(new AccountMail.Message("dave@example.com", "Hello", "text")))
                .isInstanceOf(AccountMail.NotSent.class).hasMessageContaining("cannot send through 127.0.0.1:" + closed);
    }

    @Test
    void withoutSmtpSettingsNothingIsEnabledOrSent() {
        NotifyProperties props = smtp(null, 587);
        AccountMailer mailer = new AccountMailer(props, new SmtpSender(props));
        assertThat(mailer.enabled()).isFalse();
        assertThatThrownBy(() -> mailer.send(new AccountMail.Message("dave@example.com", "Hello", "text")))
                .isInstanceOf(AccountMail.NotSent.class).hasMessageContaining("BUGMASTER_SMTP_HOST");
    }
}
