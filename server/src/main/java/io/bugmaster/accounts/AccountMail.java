package io.bugmaster.accounts;

/**
 * Email to a person about their account: invitation links and password-reset links. Implemented
 * by the email transport over the server's SMTP settings (notify/email), behind this interface
 * because notify depends on accounts and not the other way round.
 */
public interface AccountMail {
    /**
     * Whether email can be sent (SMTP is configured). When it cannot, an invitation link is shown to
     * the admin who invited, and nobody can reset a forgotten password by email.
     */
    boolean enabled();

    /** Sends one message now; throws {@link NotSent} with a reason an admin can act on. */
    void send(Message message);

    /** A plain-text message to one address. */
    record Message(String to, String subject, String text) {}

    /** The message could not be handed to the SMTP server. */
    class NotSent extends RuntimeException {
        public NotSent(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
