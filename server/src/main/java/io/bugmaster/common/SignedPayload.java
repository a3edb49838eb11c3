package io.bugmaster.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A payload signed with HMAC-SHA256 under a key, as one URL-safe string
 * {@code <version>.<payload>.<mac>} (base64url, no padding): for links that act without a login.
 * Verifying compares the MAC in constant time before reading anything of the payload.
 */
@PureLogic
public final class SignedPayload {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private SignedPayload() {}

    /** The token was not signed with this key and version, or was changed: nothing in it can be believed. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static String sign(byte[] key, String version, String payload) {
        String encoded = ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return version + "." + encoded + "." + ENCODE.encodeToString(mac(key, version + "." + encoded));
    }

    /** The payload of a token signed with this key and version; {@link Invalid} for anything else. */
    public static String verify(byte[] key, String version, String token, int maxChars) {
        if (token == null || token.length() > maxChars) {
            throw new Invalid("no token, or too long");
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first < 0 || first == last || !version.equals(token.substring(0, first))) {
            throw new Invalid("not a token of this version");
        }
        byte[] given;
        try {
            given = DECODE.decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new Invalid("damaged signature");
        }
        // constant time: how much of a guessed signature is right must not show in the answer's timing
        if (!MessageDigest.isEqual(mac(key, token.substring(0, last)), given)) {
            throw new Invalid("wrong signature");
        }
        try {
            return new String(DECODE.decode(token.substring(first + 1, last)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Invalid("damaged payload");
        }
    }

    private static byte[] mac(byte[] key, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
