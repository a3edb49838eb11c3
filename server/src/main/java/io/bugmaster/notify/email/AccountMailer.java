package io.bugmaster.notify.email;

import io.bugmaster.accounts.AccountMail;
import io.bugmaster.notify.NotifyProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Account emails (invitation and password-reset links) over the server's SMTP settings, sent at
 * once rather than through the notification queue: they belong to no channel, and whoever asked
 * for one is waiting for it.
 */
@Component
class AccountMailer implements AccountMail {
    private final NotifyProperties props;
    private final JavaMailSenderImpl sender;

    AccountMailer(NotifyProperties props, SmtpSender smtp) {
        this.props = props;
        this.sender = smtp.sender();
    }

    @Override
    public boolean enabled() {
        return props.smtpConfigured();
    }

    @Override
    public void send(Message message) {
        if (!enabled()) {
            throw new NotSent("email is not set up on this server (BUGMASTER_SMTP_HOST)", null);
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
            helper.setFrom(props.smtpFrom());
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            helper.setText(message.text());
            sender.send(mime);
        } catch (MessagingException e) {
            throw new NotSent("cannot build the email: " + e.getMessage(), e);
        } catch (MailAuthenticationException e) {
            throw new NotSent("the SMTP server refused the login (BUGMASTER_SMTP_USERNAME/PASSWORD)", e);
        } catch (MailException e) {
            throw new NotSent("cannot send through " + props.smtpHost() + ":" + props.smtpPort() + ": " + e.getMessage(), e);
        }
    }
}
