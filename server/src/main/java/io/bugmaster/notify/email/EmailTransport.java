package io.bugmaster.notify.email;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotifyProperties;
import io.bugmaster.notify.Transport;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP (the server's {@code BUGMASTER_SMTP_*} settings) to the channel's addresses:
 * multipart/alternative with a text and an HTML part.
 */
@Component
public class EmailTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("email", "Email", "Sent over the server's SMTP settings.",
            List.of(new ChannelKind.Setting(ChannelConfigs.TO, "Recipients", "addresses, comma-separated, at most 20",
                    ChannelKind.Setting.Type.EMAILS, "one or more email addresses, comma-separated"),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final NotifyProperties props;
    private final JavaMailSenderImpl sender;

    public EmailTransport(NotifyProperties props, SmtpSender smtp) {
        this.props = props;
        this.sender = smtp.sender();
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public List<String> warnings() {
        return props.smtpConfigured() ? List.of() : List.of(NotifyProperties.smtpWarning("this channel sends nothing"));
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        if (!props.smtpConfigured()) {
            throw DeliveryException.permanent(NotifyProperties.SMTP_NOT_SET_UP);
        }
        EmailMessages.Email email = EmailMessages.of(notification);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            helper.setFrom(props.smtpFrom());
            helper.setTo(InternetAddress.parse(channel.setting(ChannelConfigs.TO)));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            message.setHeader("X-Bugmaster-Notification", notification.idempotencyKey());
            sender.send(message);
            return new Delivered(null, "accepted by " + props.smtpHost());
        } catch (AddressException e) {
            throw DeliveryException.permanent("bad email address: " + e.getMessage());
        } catch (MessagingException e) {
            throw DeliveryException.permanent("cannot build the email: " + e.getMessage());
        } catch (MailAuthenticationException e) {
            throw DeliveryException.permanent("the SMTP server refused the login (BUGMASTER_SMTP_USERNAME/PASSWORD)");
        } catch (MailSendException e) {
            boolean refusedAddress = e.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance);
            String why = e.getMessage() == null ? "send failed" : e.getMessage();
            if (refusedAddress) {
                throw DeliveryException.permanent("the SMTP server refused the message: " + why);
            }
            throw DeliveryException.temporary("cannot send through " + props.smtpHost() + ":" + props.smtpPort() + ": " + why, e);
        } catch (MailException e) {
            throw DeliveryException.temporary("cannot send through " + props.smtpHost() + ":" + props.smtpPort() + ": "
                    + e.getMessage(), e);
        }
    }
}
