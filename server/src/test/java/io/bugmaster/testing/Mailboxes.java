package io.bugmaster.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A test's GreenMail server on loopback, the server's SMTP settings for it, and what it received. */
public final class Mailboxes {
    private static final Pattern INVITATION_LINK = Pattern.compile("http\\S+/accept/[0-9a-f]+");

    private Mailboxes() {}

    /** A GreenMail SMTP server on 127.0.0.1 at a free port, started. */
    public static GreenMail startOnLoopback() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    /** Points the server under test at {@code mail} (plain SMTP, from bugmaster@example.com). */
    public static void smtpSettings(DynamicPropertyRegistry registry, GreenMail mail) {
        registry.add("bugmaster.smtp-host", () -> "127.0.0.1");
        registry.add("bugmaster.smtp-port", () -> mail.getSmtp().getPort());
        registry.add("bugmaster.smtp-security", () -> "none");
        registry.add("bugmaster.smtp-from", () -> "bugmaster@example.com");
    }

    /** The invitation link of the newest email to {@code address}; fails when none has arrived. */
    public static String invitationLinkSentTo(GreenMail mail, String address) {
        try {
            Message[] received = mail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0; i--) {
                Message message = received[i];
                if (message.getAllRecipients() == null || !message.getAllRecipients()[0].toString().contains(address)) {
                    continue;
                }
                Matcher link = INVITATION_LINK.matcher(GreenMailUtil.getBody(message));
                if (link.find()) {
                    return link.group();
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no invitation email to " + address + " among " + mail.getReceivedMessages().length + " received");
    }

    /** The mails to {@code address} whose subject contains {@code subjectPart}, oldest first. */
    public static List<MimeMessage> to(GreenMail mail, String address, String subjectPart) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && m.getAllRecipients()[0].toString().contains(address)
                        && m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The same, once {@code count} have arrived (SMTP delivery ends on the receiver's side a moment after the engine's cycle). */
    public static List<MimeMessage> await(GreenMail mail, String address, String subjectPart, int count) {
        return Poll.until(Duration.ofSeconds(60), count + " mails to " + address + " about '" + subjectPart + "'",
                () -> to(mail, address, subjectPart), found -> found.size() >= count);
    }

    /** A mail's text with quoted-printable soft breaks undone and line ends as \n. */
    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n");
    }
}
