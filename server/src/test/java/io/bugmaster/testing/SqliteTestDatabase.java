package io.bugmaster.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Gives a test application context its own SQLite data dir. */
public class SqliteTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            Path dir = Files.createTempDirectory("bugmaster-test-");
            dir.toFile().deleteOnExit();
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "bugmaster.data-dir=" + dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
