package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationSecretsTest {

    @Test
    void roundTripsAndNeverStoresClearText() {
        SecretBox box = SecretBox.ofBase64(SecretBox.newKeyBase64());
        String secret = "{\"url\":\"https://hooks.slack.com/services/T0/B0/token\"}";
        String stored = box.encrypt(secret, "org:1");
        assertThat(stored).startsWith("v1:").doesNotContain("hooks.slack.com").doesNotContain("token");
        assertThat(box.encrypt(secret, "org:1")).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThat(box.decrypt(stored, "org:1")).isEqualTo(secret);
    }

    @Test
    void theWrongKeyFailsClearly() {
        String stored = SecretBox.ofBase64(SecretBox.newKeyBase64()).encrypt("x", "org:1");
        SecretBox other = SecretBox.ofBase64(SecretBox.newKeyBase64());
        assertThatThrownBy(() -> other.decrypt(stored, "org:1")).isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageContaining("BUGMASTER_SECRET_KEY").hasMessageContaining("not the one");
    }

    @Test
    void aValueMovedToAnotherOrganizationDoesNotDecrypt() {
        SecretBox box = SecretBox.ofBase64(SecretBox.newKeyBase64());
        String stored = box.encrypt("x", "org:1");
        assertThatThrownBy(() -> box.decrypt(stored, "org:2")).isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void aDamagedValueFailsClearly() {
        SecretBox box = SecretBox.ofBase64(SecretBox.newKeyBase64());
        assertThatThrownBy(() -> box.decrypt("plain", "c")).hasMessageContaining("format");
        assertThatThrownBy(() -> box.decrypt("v1:!!!", "c")).hasMessageContaining("damaged");
        String stored = box.encrypt("hello", "c");
        String flipped = stored.substring(0, stored.length() - 3) + (stored.charAt(stored.length() - 3) == 'A' ? 'B' : 'A')
                + stored.substring(stored.length() - 2);
        assertThatThrownBy(() -> box.decrypt(flipped, "c")).isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void aBadKeySettingIsExplained() {
        assertThatThrownBy(() -> SecretBox.ofBase64("not base64 !")).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SecretBox.ofBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    @Test
    void theGeneratedKeyIsKeptInTheDataDirAndReusedAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(SecretKeys.KEY_FILE);
        String first = SecretKeys.fromFile(file);
        assertThat(Files.exists(file)).isTrue();
        assertThat(SecretKeys.fromFile(file)).isEqualTo(first);
        String stored = SecretBox.ofBase64(first).encrypt("x", "c");
        assertThat(SecretBox.ofBase64(SecretKeys.fromFile(file)).decrypt(stored, "c")).isEqualTo("x");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
