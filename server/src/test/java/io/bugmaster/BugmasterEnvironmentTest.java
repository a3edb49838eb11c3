package io.bugmaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BugmasterEnvironmentTest {

    @Test
    void readsSecretsFromFilesNamedByUnderscoreFileVariables(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("password");
        Files.writeString(secret, "s3cret-from-file\n");
        Map<String, Object> values = BugmasterEnvironment.secretsFromFiles(Map.of(
                "BUGMASTER_ADMIN_PASSWORD_FILE", secret.toString(),
                "OTHER_FILE", secret.toString()));
        assertThat(values).containsExactly(Map.entry("BUGMASTER_ADMIN_PASSWORD", "s3cret-from-file"));
    }

    @Test
    void anExplicitVariableWinsOverItsFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "from-file");
        assertThat(BugmasterEnvironment.secretsFromFiles(Map.of(
                "BUGMASTER_ADMIN_TOKEN_FILE", secret.toString(), "BUGMASTER_ADMIN_TOKEN", "explicit"))).isEmpty();
    }

    @Test
    void aMissingFileStopsTheStartWithItsName() {
        assertThatThrownBy(() -> BugmasterEnvironment.secretsFromFiles(Map.of("BUGMASTER_ADMIN_TOKEN_FILE", "/nonexistent/x")))
                .hasMessageContaining("BUGMASTER_ADMIN_TOKEN_FILE").hasMessageContaining("/nonexistent/x");
    }
}
