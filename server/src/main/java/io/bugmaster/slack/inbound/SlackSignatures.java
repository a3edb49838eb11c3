package io.bugmaster.slack.inbound;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing: {@code X-Slack-Signature} is {@code v0=} + hex HMAC-SHA256 of
 * {@code "v0:" + X-Slack-Request-Timestamp + ":" + raw body} under the app's signing secret. A
 * request is accepted only when the signature matches (compared in constant time) and its
 * timestamp is within five minutes of now, either way.
 */
@PureLogic
public final class SlackSignatures {
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private SlackSignatures() {}

    /** Why a request is refused, or OK. */
    public enum Check {
        OK, MISSING_HEADERS, BAD_TIMESTAMP, STALE, BAD_SIGNATURE
    }

    /** Whether the timestamp header is usable now, before any signature is computed. */
    public static Check timestamp(String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Check.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Check.BAD_TIMESTAMP;
        }
        return Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds() ? Check.STALE : Check.OK;
    }

    /** True when {@code signature} is the one {@code secret} makes for this timestamp and body. */
    public static boolean matches(String secret, String timestamp, byte[] body, String signature) {
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    /** The signature Slack sends for this timestamp and body. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
