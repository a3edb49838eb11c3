package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.SignedPayload;
import java.time.Instant;
import java.util.Objects;

/**
 * The token of a one-click incident link ("Acknowledge", "Resolve" in a page): which action, on
 * which incident of which organization, for which person, until when, and a random id (the key of
 * its single use). Signed, not stored: a page mints links for every person it reaches.
 * Payload: {@code action \n org id \n incident id \n user id \n expiry (epoch seconds) \n id}.
 */
@PureLogic
public final class IncidentLinkToken {
    static final String VERSION = "i1";
    static final int MAX_CHARS = 512;

    private IncidentLinkToken() {}

    public enum Action {
        ACKNOWLEDGE("acknowledge"), RESOLVE("resolve");

        private final String id;

        Action(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Action parse(String id) {
            for (Action a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new SignedPayload.Invalid("unknown action");
        }
    }

    public record Claims(Action action, long orgId, long incidentId, long userId, Instant expiresAt, String id) {
        public Claims {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(id, "id");
        }

        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    public static String sign(byte[] key, Claims c) {
        return SignedPayload.sign(key, VERSION, String.join("\n", c.action().id(), Long.toString(c.orgId()), Long.toString(c.incidentId()),
                Long.toString(c.userId()), Long.toString(c.expiresAt().getEpochSecond()), c.id()));
    }

    /** The claims of a token this server signed; {@link SignedPayload.Invalid} for anything else. */
    public static Claims verify(byte[] key, String token) {
        String[] parts = SignedPayload.verify(key, VERSION, token, MAX_CHARS).split("\n", -1);
        if (parts.length != 6) {
            throw new SignedPayload.Invalid("damaged payload");
        }
        try {
            return new Claims(Action.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                    Instant.ofEpochSecond(Long.parseLong(parts[4])), parts[5]);
        } catch (NumberFormatException e) {
            throw new SignedPayload.Invalid("damaged payload");
        }
    }
}
