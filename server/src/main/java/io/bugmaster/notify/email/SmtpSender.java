package io.bugmaster.notify.email;

import io.bugmaster.notify.NotifyProperties;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The one SMTP client, configured from the server's {@code BUGMASTER_SMTP_*} settings, shared by
 * notification emails ({@link EmailTransport}) and account emails ({@link AccountMailer}).
 */
@Component
public class SmtpSender {
    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

    public SmtpSender(NotifyProperties props) {
        if (props.smtpConfigured()) {
            sender.setHost(props.smtpHost());
            sender.setPort(props.smtpPort());
            sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
            if (props.smtpUsername() != null && !props.smtpUsername().isBlank()) {
                sender.setUsername(props.smtpUsername());
                sender.setPassword(props.smtpPassword());
            }
            Properties mail = sender.getJavaMailProperties();
            String timeout = Long.toString(props.notifyTimeout().toMillis());
            mail.put("mail.smtp.connectiontimeout", timeout);
            mail.put("mail.smtp.timeout", timeout);
            mail.put("mail.smtp.writetimeout", timeout);
            mail.put("mail.smtp.auth", Boolean.toString(sender.getUsername() != null));
            switch (props.smtpSecurity()) {
                case "ssl" -> mail.put("mail.smtp.ssl.enable", "true");
                case "starttls" -> {
                    mail.put("mail.smtp.starttls.enable", "true");
                    mail.put("mail.smtp.starttls.required", Boolean.toString(sender.getUsername() != null));
                }
                default -> { }
            }
        }
    }

    JavaMailSenderImpl sender() {
        return sender;
    }
}
