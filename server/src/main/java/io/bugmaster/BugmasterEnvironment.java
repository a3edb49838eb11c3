package io.bugmaster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settings that are derived from other environment variables before anything binds them:
 * {@code BUGMASTER_X_FILE} names a file whose content is the value of {@code BUGMASTER_X} (for
 * secrets mounted as files), and {@code BUGMASTER_LOG_FORMAT=json} turns on structured logs.
 */
public class BugmasterEnvironment implements EnvironmentPostProcessor, Ordered {
    private static final String PREFIX = "BUGMASTER_";
    private static final String FILE_SUFFIX = "_FILE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> secrets = secretsFromFiles(environment.getSystemEnvironment());
        if (!secrets.isEmpty()) {
            // an environment-style source, so BUGMASTER_X binds to bugmaster.x as a real variable would
            environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("bugmaster-secret-files", secrets));
        }
        Map<String, Object> derived = new HashMap<>();
        String logFormat = environment.getProperty("BUGMASTER_LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        switch (logFormat) {
            case "json" -> derived.put("logging.structured.format.console", "ecs");
            case "text", "" -> { }
            default -> throw new IllegalArgumentException("BUGMASTER_LOG_FORMAT must be text or json, got: " + logFormat);
        }
        if (!derived.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("bugmaster-derived", derived));
        }
    }

    /** Reads every {@code BUGMASTER_*_FILE} variable's file; an explicit {@code BUGMASTER_X} wins over its file. */
    static Map<String, Object> secretsFromFiles(Map<String, Object> env) {
        Map<String, Object> values = new HashMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(PREFIX) || !name.endsWith(FILE_SUFFIX) || value == null) {
                return;
            }
            String target = name.substring(0, name.length() - FILE_SUFFIX.length());
            if (env.containsKey(target)) {
                return;
            }
            Path file = Path.of(value.toString());
            try {
                values.put(target, Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(name + " names " + file + ", which cannot be read: " + e.getMessage(), e);
            }
        });
        return values;
    }

    @Override
    public int getOrder() {
        // after the system environment is in place, before config data binds it
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
