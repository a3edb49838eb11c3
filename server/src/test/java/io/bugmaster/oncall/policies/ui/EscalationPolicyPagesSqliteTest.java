package io.bugmaster.oncall.policies.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The escalation policy pages over real HTTP: levels made, shown with whom they reach now, edited, refused by the field; CSRF; other organizations. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EscalationPolicyPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "policy-pages-password";

    @Autowired EscalationPolicies policies;

    User user;
    User second;
    Actor me;
    String org;
    String base;
    WebClient web;

    @BeforeEach
    void setUp() {
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("pol");
        organizations.create(me, "Policies", org);
        second = newUser("password-" + unique("p"));
        join(me, org, second, Role.MEMBER);
        base = "/orgs/" + org + "/escalation-policies";
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    static List<Map.Entry<String, String>> fields(String name, String loops, Object[]... levels) {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("name", name));
        f.add(Map.entry("description", ""));
        f.add(Map.entry("num_loops", loops));
        for (int k = 0; k < levels.length; k++) {
            f.add(Map.entry("levels[" + k + "].delay", (String) levels[k][0]));
            for (int j = 1; j < levels[k].length; j++) {
                f.add(Map.entry("levels[" + k + "].users", Long.toString(((User) levels[k][j]).id())));
            }
        }
        return f;
    }

    @Test
    void aPolicyIsMadeWithLevelsAndShowsWhomEachReachesNow() {
        HttpResponse<String> created = web.post(base + "/new", base, fields("Checkout on-call", "2",
                new Object[] {"5", user}, new Object[] {"15", second, user}, new Object[] {"30"}));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        EscalationPolicy p = policies.list(me, org, 0, 10).items().get(0);
        assertThat(p.numLoops()).isEqualTo(2);
        assertThat(p.rules()).hasSize(2); // the empty third level is left out
        assertThat(p.rules().get(1).escalationDelayInMinutes()).isEqualTo(15);
        assertThat(p.rules().get(1).targets()).extracting(EscalationPolicy.Target::id).containsExactly(second.id(), user.id());

        String page = web.get(base + "/" + p.id()).body();
        assertThat(page).contains("Checkout on-call").contains("paged at once").contains("paged if nobody acknowledged level 1 within 5 min")
                .contains("Repeated 2 times");
        assertThat(page.substring(page.indexOf("-level-2\""))).contains(second.email() + ", " + user.email());
        String list = web.get(base).body();
        assertThat(list).contains("aria-current=\"page\">Escalation policies</a>").contains(user.email());

        // edit: unselecting every target of level 1 removes it
        String edit = base + "/" + p.id() + "/edit";
        String form = web.get(edit).body();
        assertThat(form).contains("Level 1").contains("Level 2").contains("Add level 3").contains("value=\"15\"");
        assertThat(web.post(edit, edit, fields("Checkout on-call", "0", new Object[] {"5"}, new Object[] {"10", second})).statusCode())
                .isEqualTo(302);
        EscalationPolicy after = policies.get(me, org, Long.toString(p.id()));
        assertThat(after.rules()).hasSize(1);
        assertThat(after.rules().get(0).targets()).extracting(EscalationPolicy.Target::id).containsExactly(second.id());
        assertThat(after.numLoops()).isZero();
    }

    @Test
    void mistakesAreShownNextToTheirLevelOrField() {
        HttpResponse<String> delay = web.post(base + "/new", base, fields("Bad delay", "0", new Object[] {"5", user},
                new Object[] {"0", second}));
        assertThat(delay.statusCode()).isEqualTo(422);
        assertThat(delay.body()).contains("id=\"level-1-error\"").contains("Delay: between 1 and 1440 minutes, got 0")
                .contains("value=\"Bad delay\"");
        assertThat(delay.body().substring(delay.body().indexOf("id=\"levels-1-users\""))).containsPattern(
                "value=\"" + second.id() + "\" selected");

        HttpResponse<String> none = web.post(base + "/new", base, fields("No levels", "0", new Object[] {"5"}));
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(none.body()).contains("id=\"levels-error\"").contains("at least one level");

        HttpResponse<String> loops = web.post(base + "/new", base, fields("Loops", "12", new Object[] {"5", user}));
        assertThat(loops.statusCode()).isEqualTo(422);
        assertThat(loops.body()).contains("id=\"num_loops-error\"").contains("0 to 9 times, got 12");

        HttpResponse<String> text = web.post(base + "/new", base, fields("<i>x</i>", "0", new Object[] {"soon", user}));
        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(text.body()).contains("id=\"level-0-error\"").contains("The delay is a whole number, got &#39;soon&#39;")
                .contains("value=\"&lt;i&gt;x&lt;/i&gt;\"").doesNotContain("<i>x</i>");

        assertThat(web.post(base + "/new", base, fields("Twice", "0", new Object[] {"5", user})).statusCode()).isEqualTo(302);
        HttpResponse<String> dup = web.post(base + "/new", base, fields("Twice", "0", new Object[] {"5", user}));
        assertThat(dup.statusCode()).isEqualTo(422);
        assertThat(dup.body()).contains("id=\"name-error\"").contains("already exists");
    }

    @Test
    void anotherOrganizationsPolicyAndPeopleAreOutOfReach() {
        User stranger = newUser("password-" + unique("s"));
        Actor them = Actor.session(stranger.id(), stranger.email());
        String theirOrg = unique("theirs");
        organizations.create(them, "Theirs", theirOrg);
        EscalationPolicy theirs = policies.create(them, theirOrg, new EscalationPolicies.PolicyInput("Their secret policy", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(stranger.id()))), false))));
        for (String path : List.of(base + "/" + theirs.id(), base + "/" + theirs.id() + "/edit", "/orgs/" + theirOrg + "/escalation-policies",
                "/orgs/" + theirOrg + "/escalation-policies/" + theirs.id())) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Their secret policy");
        }
        assertThat(web.post(base + "/new", base + "/" + theirs.id() + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(policies.get(them, theirOrg, Long.toString(theirs.id())).name()).isEqualTo("Their secret policy");
        // their person as a target of my policy
        HttpResponse<String> r = web.post(base + "/new", base, fields("Borrowing", "0", new Object[] {"5", stranger}));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"level-0-error\"").contains("no member of this organization has user id " + stranger.id())
                .doesNotContain(stranger.email());
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndAPolicyInUseIsNotDeleted() {
        EscalationPolicy p = policies.create(me, org, new EscalationPolicies.PolicyInput("Kept", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(user.id()))), false))));
        assertThat(web.postRaw(base + "/" + p.id() + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.postRaw(base, Map.of("name", "sneaky", "levels[0].delay", "5", "levels[0].users", Long.toString(user.id())))
                .statusCode()).isEqualTo(403);
        assertThat(policies.list(me, org, 0, 10).items()).extracting(EscalationPolicy::name).containsExactly("Kept");

        assertThat(web.post(base + "/" + p.id(), base + "/" + p.id() + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(policies.list(me, org, 0, 10).items()).isEmpty();
    }
}
