package io.bugmaster.alerting.actionlinks;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.SignedPayload;
import java.time.Instant;
import java.util.Objects;

/**
 * The token in an action link ({@code Resolve}, {@code Ignore for 1h} in a message): what it does,
 * to which issue of which organization, for which recipient, until when, and a random id, signed
 * with HMAC-SHA256 under a key derived from the server's secret key.
 *
 * <p>Why signed and not stored hashed (as invitations are): an alert mints two links per recipient,
 * and a storm mints thousands that nobody clicks; a signed token costs no write until it is used.
 * What must be remembered, that a token was used, is one row per use ({@link ActionLinkStore}).
 * Forging a token needs the server's secret key (BUGMASTER_SECRET_KEY or its generated file).
 *
 * <p>Form: {@code v1.<payload>.<mac>}, both base64url without padding; the payload is
 * {@code action \n org id \n issue id \n expiry (epoch seconds) \n id \n recipient key}.
 */
@PureLogic
public final class ActionToken {
    static final String VERSION = "v1";
    /** Longer than any token this code makes (a recipient key is at most an email address of 320 characters). */
    static final int MAX_CHARS = 1024;

    private ActionToken() {}

    /** What a link may do. The id is the word in the token; the label is what people read. */
    public enum Action {
        RESOLVE("resolve", "Resolve"),
        IGNORE_1H("ignore-1h", "Ignore for 1h");

        private final String id;
        private final String label;

        Action(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        static Action parse(String id) {
            for (Action a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new Invalid("unknown action");
        }
    }

    /**
     * What a token says.
     *
     * @param recipient the recipient's key ({@code c12} for channel 12, {@code ejane@example.com}): the link acts on their behalf
     * @param id random, unique per token: the key of its use
     */
    public record Claims(Action action, long orgId, long issueId, String recipient, Instant expiresAt, String id) {
        public Claims {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(id, "id");
            if (recipient.contains("\n") || id.contains("\n")) {
                throw new IllegalArgumentException("a recipient key or an id cannot hold a line break");
            }
        }

        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /** The token was not made by this server with this key, or was changed: nothing in it can be believed. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static String sign(byte[] key, Claims c) {
        return SignedPayload.sign(key, VERSION, String.join("\n", c.action().id(), Long.toString(c.orgId()), Long.toString(c.issueId()),
                Long.toString(c.expiresAt().getEpochSecond()), c.id(), c.recipient()));
    }

    /** The claims of a token this server signed; {@link Invalid} for anything else, before any of it is read. */
    public static Claims verify(byte[] key, String token) {
        String payload;
        try {
            payload = SignedPayload.verify(key, VERSION, token, MAX_CHARS);
        } catch (SignedPayload.Invalid e) {
            throw new Invalid(e.getMessage());
        }
        try {
            String[] parts = payload.split("\n", 6);
            if (parts.length != 6) {
                throw new Invalid("damaged payload");
            }
            return new Claims(Action.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[5],
                    Instant.ofEpochSecond(Long.parseLong(parts[3])), parts[4]);
        } catch (IllegalArgumentException e) { // also NumberFormatException
            throw new Invalid("damaged payload");
        }
    }
}
