package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts channel settings at rest with AES-256-GCM. Stored form: {@code v1:} + base64(12-byte
 * nonce + ciphertext + 16-byte tag). The associated data binds a ciphertext to its row's context
 * (the organization), so a value copied into another organization's row does not decrypt.
 */
@PureLogic
public final class SecretBox {
    public static final String SETTING = "BUGMASTER_SECRET_KEY";
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A key given as base64 of 32 random bytes ({@code openssl rand -base64 32}). */
    public static SecretBox ofBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " is not base64; make one with: openssl rand -base64 32");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(SETTING + " must be 32 bytes in base64 (got " + bytes.length
                    + " bytes); make one with: openssl rand -base64 32");
        }
        return new SecretBox(bytes);
    }

    /** A new random key, base64. */
    public static String newKeyBase64() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * A key for another purpose, derived from this one (HMAC-SHA256 of the purpose's name), so that
     * what signs action links never is the key that encrypts channel settings. Changing
     * {@value #SETTING} changes every derived key.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("bugmaster:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts; a wrong key, another context or a damaged value is a {@link SecretBoxException} that says so. */
    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new SecretBoxException("the stored value is not in the encrypted format this version reads");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("the stored encrypted value is damaged (not base64)");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("the stored encrypted value is damaged (too short)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("cannot decrypt: the encryption key (" + SETTING
                    + ") is not the one these settings were saved with, or the stored value was changed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** A stored secret cannot be read back. */
    public static class SecretBoxException extends RuntimeException {
        public SecretBoxException(String message) {
            super(message);
        }
    }
}
