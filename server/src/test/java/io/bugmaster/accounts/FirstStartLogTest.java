package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.BugmasterApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A first start with BUGMASTER_ADMIN_* set says in its log what it created, and never the token's secret. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartLogTest {
    static final String TOKEN = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed5ec2e7ab";

    @Test
    void theStartLogNamesTheAdminTheOrganizationItsTeamAndTheTokenButNotItsSecret(@TempDir Path dataDir, CapturedOutput output) {
        // command-line arguments: they win over application.properties, as BUGMASTER_* variables do
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BugmasterApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--bugmaster.data-dir=" + dataDir,
                "--bugmaster.admin-email=ops@example.com", "--bugmaster.admin-password=a long enough password",
                "--bugmaster.admin-token=" + TOKEN, "--bugmaster.default-organization=acme", "--bugmaster.engine-interval=1h",
                "--bugmaster.base-url=http://bugs.example.com", "--logging.level.root=WARN", "--logging.level.io.bugmaster=INFO")) {
            assertThat(output.getOut())
                    .contains("First start: created the admin ops@example.com, the organization 'acme' with its team 'acme'",
                            "and an API token with every scope from BUGMASTER_ADMIN_TOKEN (ending in 'e7ab')",
                            "Log in at http://bugs.example.com/login")
                    .doesNotContain(TOKEN, TOKEN.substring(0, 16));
        }
    }
}
