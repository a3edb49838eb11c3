package io.bugmaster.alerting.actionlinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.alerting.actionlinks.ActionToken.Action;
import io.bugmaster.alerting.actionlinks.ActionToken.Claims;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ActionTokenTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Claims CLAIMS = new Claims(Action.RESOLVE, 7, 42, "ejane@example.com", Instant.parse("2026-12-11T10:00:00Z"), "abc");

    @Test
    void aSignedTokenReadsBackAsItsClaimsAndIsSafeInAUrlPath() {
        String token = ActionToken.sign(KEY, CLAIMS);
        assertThat(token).matches("v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(ActionToken.verify(KEY, token)).isEqualTo(CLAIMS);
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() {
        String token = ActionToken.sign(KEY, CLAIMS);
        String[] parts = token.split("\\.");
        // the same signature over a payload that names another organization's issue
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\n7\n42\n", "\n8\n43\n");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThatThrownBy(() -> ActionToken.verify(KEY, tampered)).isInstanceOf(ActionToken.Invalid.class);
    }

    @Test
    void aChangedSignatureAnotherKeyAndGarbageAreRefused() {
        String token = ActionToken.sign(KEY, CLAIMS);
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        for (String bad : new String[] {flipped, token.substring(0, token.length() - 1), "v1..", "v1", "", "v2" + token.substring(2),
                token.replace('.', ','), token + "x".repeat(ActionToken.MAX_CHARS)}) {
            assertThatThrownBy(() -> ActionToken.verify(KEY, bad)).as(bad).isInstanceOf(ActionToken.Invalid.class);
        }
        assertThatThrownBy(() -> ActionToken.verify(otherKey, token)).isInstanceOf(ActionToken.Invalid.class);
        assertThatThrownBy(() -> ActionToken.verify(KEY, null)).isInstanceOf(ActionToken.Invalid.class);
    }

    @Test
    void aTokenExpiresAtItsExpiry() {
        assertThat(CLAIMS.expired(Instant.parse("2026-12-11T09:59:59Z"))).isFalse();
        assertThat(CLAIMS.expired(Instant.parse("2026-12-11T10:00:00Z"))).isTrue();
    }
}
