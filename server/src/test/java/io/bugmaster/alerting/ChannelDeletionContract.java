package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Deleting a notification channel leaves no alert rule silently dead: the confirmation names the
 * rules that notify it, deleting removes their actions to it in the same change, and a rule left
 * with no action is turned off with a reason the rules list shows. Other organizations' rules stay.
 */
abstract class ChannelDeletionContract extends IntegrationTest {
    static final String PASSWORD = "channel-deletion-password";
    static final String HOSTILE = "<script>alert(1)</script> both";

    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired AlertRuleService rules;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    Actor actor;
    Organization org;
    long ops;
    long other;
    long both;
    long onlyOps;

    @BeforeEach
    void setUp() {
        User user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        ops = channel(actor, org, "Ops");
        other = channel(actor, org, "Other");
        both = rule(actor, org, HOSTILE, List.of(Action.channel(ops), Action.channel(other)));
        onlyOps = rule(actor, org, "only ops", List.of(Action.channel(ops)));
        engine.runOnce(); // whatever other tests left in the signals is handled before this test counts
    }

    long channel(Actor who, Organization in, String name) {
        return channels.create(who, in.slug(), new ChannelService.NewChannel(name, "webhook", Map.of("url", "http://localhost:9/" + name))).id();
    }

    long rule(Actor who, Organization in, String name, List<Action> actions) {
        AlertRuleDefinition d = new AlertRuleDefinition(Scope.organization(), List.of(Condition.of(Trigger.NEW_ISSUE)), Match.ANY, List.of(),
                Match.ALL, actions, null, 5);
        return rules.create(who, in.slug(), new AlertRuleSettings(name, true, d)).rule().id();
    }

    AlertRule stored(Actor who, Organization in, long id) {
        return rules.get(who, in.slug(), null, Long.toString(id)).rule();
    }

    @Test
    void theConfirmationNamesTheRulesAndDeletingKeepsTheOtherActionAndTurnsOffTheRuleLeftWithNone() {
        User stranger = newUser(PASSWORD);
        Actor strangerActor = Actor.session(stranger.id(), stranger.email());
        Organization theirs = organizations.create(strangerActor, "Theirs", unique("theirs"));
        long theirChannel = channel(strangerActor, theirs, "Ops");
        long theirRule = rule(strangerActor, theirs, "only ops", List.of(Action.channel(theirChannel)));
        AlertRule theirsBefore = stored(strangerActor, theirs, theirRule);

        WebClient web = new WebClient(baseUrl());
        web.login(actor.email(), PASSWORD);
        String channelPage = "/orgs/" + org.slug() + "/settings/notifications/" + ops;
        HttpResponse<String> confirm = web.get(channelPage);
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body())
                .contains("their actions to it will be removed")
                .contains("<a href=\"/orgs/" + org.slug() + "/alerts/" + both + "\">&lt;script&gt;alert(1)&lt;/script&gt; both</a>")
                .contains("<a href=\"/orgs/" + org.slug() + "/alerts/" + onlyOps + "\">only ops</a>")
                .contains("(its only action: the rule will be turned off)")
                .doesNotContain("<script>alert(1)</script>");

        HttpResponse<String> deleted = web.post(channelPage, channelPage + "/delete", Map.of());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(302);
        assertThat(channels.channel(ops)).isEmpty();
        assertThat(web.get("/orgs/" + org.slug() + "/settings/notifications").body())
                .contains("Channel deleted. Its actions were removed from 2 alert rules; 1 left with no action was turned off.");

        AlertRule kept = stored(actor, org, both);
        assertThat(kept.enabled()).isTrue();
        assertThat(kept.disabledReason()).isNull();
        assertThat(kept.definition().actions()).containsExactly(Action.channel(other));
        AlertRule off = stored(actor, org, onlyOps);
        assertThat(off.enabled()).isFalse();
        assertThat(off.definition().actions()).isEmpty();
        assertThat(off.disabledReason()).isEqualTo("its only channel “Ops” was deleted by " + actor.email());
        assertThat(stored(strangerActor, theirs, theirRule)).isEqualTo(theirsBefore);

        String list = web.get("/orgs/" + org.slug() + "/alerts").body();
        assertThat(list).contains("disabled: its only channel “Ops” was deleted by " + actor.email())
                .doesNotContain("a deleted channel");

        // the rule that kept its other action still fires, to that channel only; the one turned off does not
        String slug = unique("checkout");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", slug, "java").project().id();
        ingest(projectId, projects.listKeys(actor, org.slug(), slug).get(0));
        engine.runOnce();
        engine.runOnce();
        List<Long> queuedTo = db.sql("SELECT channel_id FROM notification_queue WHERE org_id = ? AND idempotency_key NOT LIKE 'resolve:%'")
                .param(org.id()).query(Long.class).list();
        assertThat(queuedTo).containsExactly(other);
    }

    @Test
    void theApiAnswersWhichRulesItChangedAndTheRulesApiSaysWhyOneIsOff() {
        ApiClient api = new ApiClient(baseUrl());
        Tenant tenant = newTenant();
        String slug = tenant.org().slug();
        long channel = channel(tenant.owner(), tenant.org(), "Ops");
        long keeps = rule(tenant.owner(), tenant.org(), "with email", List.of(Action.channel(channel),
                Action.email(AlertRuleDefinition.EmailTarget.ASSIGNEE)));
        long loses = rule(tenant.owner(), tenant.org(), "only ops", List.of(Action.channel(channel)));

        ApiClient.Response r = api.delete(tenant.ownerToken(), "/api/0/organizations/" + slug + "/notification-channels/" + channel + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode changed = r.json().path("alertRulesChanged");
        assertThat(changed.size()).isEqualTo(2);
        assertThat(changed.get(0).path("id").asString()).isEqualTo(Long.toString(keeps));
        assertThat(changed.get(0).path("name").asString()).isEqualTo("with email");
        assertThat(changed.get(0).path("disabled").asBoolean()).isFalse();
        assertThat(changed.get(1).path("id").asString()).isEqualTo(Long.toString(loses));
        assertThat(changed.get(1).path("disabled").asBoolean()).isTrue();

        JsonNode off = api.get(tenant.ownerToken(), "/api/0/organizations/" + slug + "/alert-rules/" + loses + "/").json();
        assertThat(off.path("status").asString()).isEqualTo("disabled");
        assertThat(off.path("disabledReason").asString()).startsWith("its only channel “Ops” was deleted");
        assertThat(off.path("actions").size()).isZero();

        // saving it turned on again (with a new action) clears the reason
        ApiClient.Response on = api.put(tenant.ownerToken(), "/api/0/organizations/" + slug + "/alert-rules/" + loses + "/",
                "{\"status\":\"active\",\"actions\":[{\"id\":\"notify_email\",\"targetType\":\"Assignee\"}]}");
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().path("disabledReason").isNull()).isTrue();
        assertThat(stored(tenant.owner(), tenant.org(), loses).disabledReason()).isNull();
    }

    void ingest(long projectId, ProjectKey key) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","fingerprint":["%s"],
                 "exception":{"values":[{"type":"CardDeclined","value":"declined"}]}}""".formatted(id, id);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
