package io.bugmaster.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.notify.OutboundHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How Slack's answers become a reply or a failure that says whether trying again can help. */
class SlackApiRepliesTest {

    private static OutboundHttp.Answer answer(int status, String body, String retryAfter) {
        return new OutboundHttp.Answer(status, body, retryAfter, null);
    }

    @Test
    void okIsTheReply() throws SlackApiException {
        assertThat(SlackApi.reply("chat.postMessage", answer(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}", null))
                .path("ts").asString()).isEqualTo("1.2");
    }

    @Test
    void slacksErrorsArePermanentUnlessTheyPass() {
        assertThatThrownBy(() -> SlackApi.reply("chat.postMessage", answer(200, "{\"ok\":false,\"error\":\"channel_not_found\"}", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.error()).isEqualTo("channel_not_found");
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("chat.postMessage: channel_not_found");
                });
        assertThatThrownBy(() -> SlackApi.reply("chat.update", answer(200, "{\"ok\":false,\"error\":\"internal_error\"}", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.permanent()).isFalse());
    }

    @Test
    void aRateLimitWaitsAsLongAsSlackSays() {
        assertThatThrownBy(() -> SlackApi.reply("chat.update", answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "7")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.toDelivery().retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });
        assertThatThrownBy(() -> SlackApi.reply("chat.update", answer(429, "", "soon")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void whatIsNotSlacksAnswerIsSaidSo() {
        assertThatThrownBy(() -> SlackApi.reply("auth.test", answer(200, "<html>proxy</html>", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_reply");
                    assertThat(e.getMessage()).contains("not JSON");
                });
        assertThatThrownBy(() -> SlackApi.reply("auth.test", answer(502, "bad gateway", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.permanent()).isFalse());
        assertThatThrownBy(() -> SlackApi.reply("auth.test", answer(404, "not found", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.error()).isEqualTo("http_404");
                });
        assertThatThrownBy(() -> SlackApi.reply("auth.test", answer(200, "{\"ok\":false}", null)))
                .isInstanceOfSatisfying(SlackApiException.class, e -> assertThat(e.error()).isEqualTo("unknown_error"));
    }
}
