package io.bugmaster.alerting.actionlinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.SecretBox;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** {@code BUGMASTER_ACTION_LINKS=false}: alerts carry only Open, and a link made before (same key) does nothing. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@TestPropertySource(properties = "bugmaster.action-links=false")
class ActionLinksTurnedOffSqliteTest extends ActionLinksTestBase {
    @Autowired SecretBox secrets;

    @Override
    List<String> expectedActions() {
        return List.of("open");
    }

    @Test
    void alertsCarryOnlyOpenAndALinkSentBeforeIsRefused() {
        Alerted a = alerted("TypeError: cart is undefined");
        assertThat(a.actions()).containsOnlyKeys("open");
        String made = "/actions/" + ActionToken.sign(secrets.derive(ActionLinks.KEY_PURPOSE), new ActionToken.Claims(
                ActionToken.Action.RESOLVE, tenant.org().id(), a.issueId(), "c" + channelId, clock.instant().plus(Duration.ofDays(1)),
                "made-before"));
        for (HttpResponse<String> page : List.of(stranger.get(made), post(made))) {
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).contains("Action links are turned off", "Log in");
        }
        assertThat(issue(a.issueId()).status()).isEqualTo("unresolved");
    }
}
