package io.bugmaster.slack.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SlackRepliesTest {

    @Test
    void whatDidNotComeFromBugmasterIsEscapedSoItCannotMentionOrLink() {
        assertThat(io.bugmaster.slack.SlackText.escape("<!channel> & <https://x|y>")).isEqualTo("&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
        assertThat(SlackReplies.notAllowed("resolve issues", "<!here> Acme", "Viewer"))
                .isEqualTo("You cannot resolve issues in &lt;!here&gt; Acme: your role is Viewer. Ask an admin.");
        assertThat(SlackReplies.notUnderstood("bad", "x".repeat(500))).as("a long value is cut").hasSizeLessThan(200);
    }

    @Test
    void theConnectLinkIsALinkWithItsLifetime() {
        assertThat(SlackReplies.notLinked("https://bm.example/slack/link?token=a.b.c", 30))
                .isEqualTo("Connect your Slack account to Bugmaster first: <https://bm.example/slack/link?token=a.b.c|open this link>"
                        + " (valid 30 minutes), log in and confirm. Then click again.");
    }

    @Test
    void onlySlacksOwnResponseUrlsAreAnswered() {
        URI slack = URI.create("https://slack.com/api");
        assertThat(SlackResponses.trusted("https://hooks.slack.com/actions/T1/1/abc", slack)).isTrue();
        assertThat(SlackResponses.trusted("http://hooks.slack.com/actions/T1/1/abc", slack)).as("not https").isFalse();
        assertThat(SlackResponses.trusted("https://hooks.slack.com.evil.example/actions", slack)).isFalse();
        assertThat(SlackResponses.trusted("https://user@hooks.slack.com/actions", slack)).isFalse();
        assertThat(SlackResponses.trusted("http://169.254.169.254/latest/meta-data", slack)).isFalse();
        assertThat(SlackResponses.trusted(null, slack)).isFalse();
        assertThat(SlackResponses.trusted("not a url", slack)).isFalse();
        URI proxy = URI.create("http://127.0.0.1:8999/api");
        assertThat(SlackResponses.trusted("http://127.0.0.1:8999/respond/T1/x", proxy)).as("where the Web API is").isTrue();
        assertThat(SlackResponses.trusted("http://127.0.0.1:9000/respond/T1/x", proxy)).as("another port").isFalse();
    }
}
