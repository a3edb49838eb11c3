package io.bugmaster.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a test's GreenMail server received. */
public final class Mailboxes {
    private static final Pattern INVITATION_LINK = Pattern.compile("http\\S+/accept/[0-9a-f]+");

    private Mailboxes() {}

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
}
