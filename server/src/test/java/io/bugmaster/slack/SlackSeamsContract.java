package io.bugmaster.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.slack.calls.SlackCalls;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Slack app's shared pieces against the local fake of Slack's Web API: connecting a workspace
 * (checked with auth.test, secrets encrypted at rest), people linked by Slack's email, and queued
 * calls (retried after a rate limit, ended by a permanent error, coalesced).
 */
abstract class SlackSeamsContract extends IntegrationTest {
    @Autowired
    SlackInstallations installations;
    @Autowired
    SlackPeople people;
    @Autowired
    SlackCalls calls;
    @Autowired
    JdbcClient db;
    @Autowired
    List<io.bugmaster.engine.EngineModule> modules;

    Tenant tenant;
    FakeSlack.Workspace ws;
    SlackInstallation installation;

    @BeforeEach
    void connect() {
        tenant = newTenant();
        ws = FakeSlack.shared().workspace(unique("ws"));
        installation = installations.save(tenant.owner(), tenant.org().slug(),
                new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
    }

    @Test
    void connectingChecksTheTokenAndKeepsTheSecretsEncrypted() {
        assertThat(installation.teamId()).isEqualTo(ws.teamId);
        assertThat(installation.teamName()).isEqualTo(ws.name);
        assertThat(installation.botUserId()).isEqualTo(ws.botUserId);
        assertThat(installation.timelineReaction()).isEqualTo("pushpin");
        assertThat(installation.toString()).doesNotContain(ws.botToken).doesNotContain(ws.signingSecret);
        String stored = db.sql("SELECT bot_token || ' ' || signing_secret FROM slack_installations WHERE org_id = ?")
                .param(tenant.org().id()).query(String.class).single();
        assertThat(stored).doesNotContain(ws.botToken).doesNotContain(ws.signingSecret).startsWith("v1:");
        assertThat(ws.calls("auth.test")).hasSize(1);
    }

    @Test
    void aTokenSlackRefusesIsNotStored() {
        Tenant other = newTenant();
        assertThatThrownBy(() -> installations.save(other.owner(), other.org().slug(),
                new SlackInstallations.Settings("xoxb-1234567890-unknown", ws.signingSecret, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("invalid_auth"));
        assertThatThrownBy(() -> installations.save(other.owner(), other.org().slug(),
                new SlackInstallations.Settings("xoxp-1234567890-user", ws.signingSecret, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("xoxb-");
        assertThat(installations.forOrg(other.org().id())).isEmpty();
    }

    @Test
    void oneWorkspaceBelongsToOneOrganization() {
        Tenant other = newTenant();
        assertThatThrownBy(() -> installations.save(other.owner(), other.org().slug(),
                new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("another organization");
    }

    @Test
    void onlyThoseWhoManageTheOrganizationConnectIt() {
        User member = newUser("pw-" + unique("p"));
        join(tenant.owner(), tenant.org().slug(), member, Role.MEMBER);
        assertThatThrownBy(() -> installations.save(io.bugmaster.accounts.Actor.session(member.id(), member.email()), tenant.org().slug(),
                new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null))).isInstanceOf(ForbiddenException.class);
        Tenant stranger = newTenant();
        assertThatThrownBy(() -> installations.get(stranger.owner(), tenant.org().slug())).isInstanceOfAny(ForbiddenException.class,
                io.bugmaster.common.NotFoundException.class);
    }

    @Test
    void peopleAreLinkedBySlacksEmailOnlyWhenTheyAreMembers() {
        User member = newUser("pw-" + unique("p"));
        join(tenant.owner(), tenant.org().slug(), member, Role.MEMBER);
        String memberSlackId = ws.addUser(member.email());
        String strangerSlackId = ws.addUser(unique("stranger") + "@example.com");

        var linked = people.person(installation, memberSlackId).orElseThrow();
        assertThat(linked.userId()).isEqualTo(member.id());
        assertThat(linked.via()).isEqualTo(SlackPeople.VIA_EMAIL);
        assertThat(people.person(installation, strangerSlackId)).isEmpty();
        int infoCalls = ws.calls("users.info").size();
        assertThat(people.person(installation, memberSlackId)).isPresent();
        assertThat(ws.calls("users.info")).as("a linked person is not looked up again").hasSize(infoCalls);

        User other = newUser("pw-" + unique("p"));
        join(tenant.owner(), tenant.org().slug(), other, Role.MEMBER);
        String otherSlackId = ws.addUser(other.email());
        assertThat(people.slackUserId(installation, other.id())).contains(otherSlackId);
        assertThat(people.linked(installation, otherSlackId)).isPresent();
    }

    @Test
    void aConnectLinkNamesItsPersonAndCannotBeForged() {
        String url = people.connectUrl(installation, "U123");
        String token = url.substring(url.indexOf("token=") + "token=".length());
        var request = people.connectRequest(token);
        assertThat(request.orgId()).isEqualTo(tenant.org().id());
        assertThat(request.slackUserId()).isEqualTo("U123");
        assertThat(request.expiresAt()).isEqualTo(clock.instant().plus(SlackPeople.CONNECT_LINK_LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> people.connectRequest(forged)).isInstanceOf(io.bugmaster.common.SignedPayload.Invalid.class);
    }

    @Test
    void aQueuedCallIsRetriedAfterTheRateLimitAndEndsOnAPermanentError() {
        String channel = ws.channel(unique("alerts"));
        ws.rateLimitNext("chat.postMessage", 30);
        calls.enqueue(tenant.org().id(), "chat.postMessage", SlackApi.object().put("channel", channel).put("text", "hello"), null);
        engine.runOnce();
        assertThat(ws.messages(channel)).isEmpty();
        assertThat(calls.recent(tenant.org().id(), 5).get(0).lastError()).contains("ratelimited");
        clock.advance(Duration.ofSeconds(29));
        engine.runOnce();
        assertThat(ws.messages(channel)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        engine.runOnce();
        assertThat(ws.messages(channel)).hasSize(1);
        assertThat(calls.recent(tenant.org().id(), 5).get(0).state()).isEqualTo("done");

        calls.enqueue(tenant.org().id(), "chat.update", SlackApi.object().put("channel", channel).put("ts", "1.000").put("text", "x"), null);
        engine.runOnce();
        var failed = calls.recent(tenant.org().id(), 5).get(0);
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.lastError()).contains("message_not_found");
    }

    @Test
    void aSlackThatHangsNeverHoldsUpTheEngine() throws Exception {
        io.bugmaster.engine.EngineModule slackCalls = modules.stream().filter(m -> m.name().equals("slack-calls")).findFirst().orElseThrow();
        String channel = ws.channel(unique("alerts"));
        Runnable release = ws.hold("chat.postMessage");
        try {
            calls.enqueue(tenant.org().id(), "chat.postMessage", SlackApi.object().put("channel", channel).put("text", "slow"), null);
            slackCalls.run(clock.instant()); // returns while Slack has not answered: paging runs in the same loop
            io.bugmaster.testing.Poll.until(Duration.ofSeconds(30), "the call reaching Slack", () -> ws.arrived("chat.postMessage"), n -> n >= 1);
            assertThat(ws.messages(channel)).isEmpty();
            assertThat(calls.recent(tenant.org().id(), 1).get(0).state()).isEqualTo("pending");
        } finally {
            release.run();
        }
        slackCalls.awaitIdle();
        assertThat(ws.messages(channel)).hasSize(1);
        assertThat(calls.recent(tenant.org().id(), 1).get(0).state()).isEqualTo("done");
    }

    @Test
    void aNewerUpdateOfTheSameMessageReplacesOneStillWaiting() {
        String channel = ws.channel(unique("alerts"));
        ws.rateLimitNext("chat.postMessage", 60);
        calls.enqueue(tenant.org().id(), "chat.postMessage", SlackApi.object().put("channel", channel).put("text", "first"), "m1");
        engine.runOnce();
        calls.enqueue(tenant.org().id(), "chat.postMessage", SlackApi.object().put("channel", channel).put("text", "second"), "m1");
        clock.advance(Duration.ofSeconds(61));
        engine.runOnce();
        assertThat(ws.messages(channel)).extracting(m -> m.path("text").asString()).isEqualTo(List.of("second"));
    }
}
