package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import java.time.Duration;

/**
 * The words of the emails about accounts. Plain text: a link and what it does, who sent it, how
 * long it works, and what to do when it was not expected.
 */
@PureLogic
final class AccountMessages {
    private AccountMessages() {}

    static AccountMail.Message invitation(String to, String organization, String inviter, String link, Duration lifetime) {
        return new AccountMail.Message(to, inviter + " invited you to " + organization + " on Bugmaster", """
                %s invited you to join the organization %s on Bugmaster, where it tracks the errors of its software.

                To accept, open this link:

                %s

                If you do not have a Bugmaster account on this server yet, the page asks for your name and a password;
                if you have one, it asks you to log in to it. The link works once, for %s.

                If you did not expect this invitation, ignore this email: nothing happens unless the link is used.
                """.formatted(inviter, organization, link, words(lifetime)));
    }

    static AccountMail.Message passwordReset(String to, String link, Duration lifetime) {
        return new AccountMail.Message(to, "Reset your Bugmaster password", """
                Someone asked to reset the password of the Bugmaster account %s.

                To choose a new password, open this link:

                %s

                The link works once, for %s. Choosing a new password logs the account out everywhere else.

                If you did not ask for this, ignore this email: your password stays as it is.
                """.formatted(to, link, words(lifetime)));
    }

    /** "30 minutes", "7 days", "1 hour". */
    static String words(Duration d) {
        if (d.toDays() >= 1 && d.equals(Duration.ofDays(d.toDays()))) {
            return plural(d.toDays(), "day");
        }
        if (d.toHours() >= 1 && d.equals(Duration.ofHours(d.toHours()))) {
            return plural(d.toHours(), "hour");
        }
        return plural(Math.max(1, d.toMinutes()), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
