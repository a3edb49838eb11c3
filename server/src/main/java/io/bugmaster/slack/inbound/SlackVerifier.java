package io.bugmaster.slack.inbound;

import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Decides whether a request came from a connected Slack app: its timestamp is fresh, one
 * installation's signing secret makes its signature (each tried in constant time: one per
 * organization), and the signature was not seen before. Also remembers event ids, so Slack's
 * retries of an event act once.
 */
@Service
class SlackVerifier {
    private final SlackInstallations installations;
    private final SlackSeenStore seen;
    private final Transactions tx;

    SlackVerifier(SlackInstallations installations, SlackSeenStore seen, Transactions tx) {
        this.installations = installations;
        this.seen = seen;
        this.tx = tx;
    }

    /** The outcome: the installation that signed, or why the request is refused. */
    record Outcome(SlackInstallation installation, String refusal) {}

    Outcome verify(String timestamp, String signature, byte[] body, Instant now) {
        SlackSignatures.Check check = SlackSignatures.timestamp(timestamp, signature, now);
        if (check != SlackSignatures.Check.OK) {
            return new Outcome(null, switch (check) {
                case MISSING_HEADERS -> "not signed: X-Slack-Request-Timestamp and X-Slack-Signature are required";
                case BAD_TIMESTAMP -> "X-Slack-Request-Timestamp must be a Unix time in seconds";
                default -> "X-Slack-Request-Timestamp is more than 5 minutes away from now: refused (a replay, or a clock that is wrong)";
            });
        }
        List<SlackInstallation> all = installations.all();
        SlackInstallation signer = null;
        for (SlackInstallation installation : all) {
            if (SlackSignatures.matches(installation.signingSecret(), timestamp.strip(), body, signature) && signer == null) {
                signer = installation;
            }
        }
        if (signer == null) {
            return new Outcome(null, "the signature does not match any connected Slack app's signing secret");
        }
        if (!tx.write(() -> seen.firstTime("sig:" + signature.strip(), now))) {
            return new Outcome(null, "this request was already received: a replay is refused");
        }
        return new Outcome(signer, null);
    }

    /** True the first time an event id of the organization is seen. */
    boolean firstDelivery(long orgId, String eventId, Instant now) {
        return tx.write(() -> seen.firstTime("event:" + orgId + ":" + eventId, now));
    }
}
