package io.bugmaster.notify;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.storage.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the key that encrypts channel settings comes from: {@code BUGMASTER_SECRET_KEY} (or
 * {@code BUGMASTER_SECRET_KEY_FILE}) when set; otherwise a key generated once and kept in the data
 * dir as {@code secret.key} (SQLite) or in the {@code secret_keys} table (PostgreSQL, so every node
 * shares it). See docs/configuration.md for the trade-off.
 */
@Configuration(proxyBeanMethods = false)
public class SecretKeys {
    static final String KEY_FILE = "secret.key";
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    @Bean
    SecretBox secretBox(NotifyProperties notify, BugmasterProperties props, Dialect dialect, SecretKeyStore store, Clock clock) {
        if (notify.secretKey() != null && !notify.secretKey().isBlank()) {
            return SecretBox.ofBase64(notify.secretKey());
        }
        if (dialect == Dialect.SQLITE) {
            return SecretBox.ofBase64(fromFile(props.dataDir().resolve(KEY_FILE)));
        }
        return SecretBox.ofBase64(store.getOrCreate(SecretBox.newKeyBase64(), clock.instant()));
    }

    static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(file, SecretBox.newKeyBase64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the data dir's own permissions protect it
                    }
                    log.info("Generated the key that encrypts notification channel settings: {} (keep it with backups;"
                            + " or set BUGMASTER_SECRET_KEY)", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile: read it below
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the encryption key file " + file.toAbsolutePath(), e);
        }
    }
}
