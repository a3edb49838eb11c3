package io.bugmaster.oncall.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestSchedules;
import io.bugmaster.web.WebClient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** "Who is on call now" over real HTTP: each policy level and whom it reaches now (through which schedule), one click from every page. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OnCallNowPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "oncall-now-password";

    @Autowired EscalationPolicies policies;
    @Autowired ScheduleService schedules;

    User user;
    User backup;
    Actor me;
    String org;
    WebClient web;

    @BeforeEach
    void setUp() {
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("now");
        organizations.create(me, "Now", org);
        backup = newUser("password-" + unique("b"));
        join(me, org, backup, Role.MEMBER);
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    @Test
    void eachLevelShowsWhomItReachesNowAndThroughWhichSchedule() {
        // a weekly rotation whose turn started a day ago: the backup is on call now, then the user
        long primary = TestSchedules.weekly(schedules, me, org, "Primary <rotation>", null,
                clock.instant().minus(Duration.ofDays(1)).atZone(ZoneId.of("Europe/Paris")), List.of(backup.id(), user.id()));
        policies.create(me, org, new EscalationPolicies.PolicyInput("Checkout on-call", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("schedule_reference", Long.toString(primary))), false),
                new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(user.id()))), false))));

        String html = web.get("/orgs/" + org + "/oncall").body();
        assertThat(html).contains("aria-current=\"page\">On call</a>").contains("id=\"me-on-call\"")
                .contains("href=\"/orgs/" + org + "/shifts\"").contains("href=\"/orgs/" + org + "/schedules\"");
        Matcher level1 = Pattern.compile("id=\"oncall-\\d+-1\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(level1.find()).isTrue();
        assertThat(level1.group(1)).contains("Checkout on-call").contains(backup.email()).contains("via Primary &lt;rotation&gt;")
                .doesNotContain("<rotation>").contains("at once");
        Matcher level2 = Pattern.compile("id=\"oncall-\\d+-2\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(level2.find()).isTrue();
        assertThat(level2.group(1)).contains(user.email()).contains("after 5 min more");
        assertThat(html.substring(html.indexOf("id=\"schedules-now\""))).contains(backup.email());
    }

    @Test
    void itIsOneClickFromEveryPageOfTheOrganization() {
        for (String page : List.of("/orgs/" + org + "/issues", "/orgs/" + org + "/incidents", "/orgs/" + org + "/services",
                "/orgs/" + org + "/escalation-policies", "/orgs/" + org + "/projects", "/orgs/" + org + "/alerts")) {
            String html = web.get(page).body();
            assertThat(html).as(page).contains("<a id=\"nav-oncall\" href=\"/orgs/" + org + "/oncall\"").contains("<a href=\"/orgs/" + org + "/incidents\"");
        }
        assertThat(web.get("/orgs/" + org + "/oncall").body()).contains("No escalation policies yet").doesNotContain("id=\"me-on-call\"");
    }

    @Test
    void anotherOrganizationsOnCallIsNotFound() {
        User stranger = newUser("password-" + unique("s"));
        String theirOrg = unique("theirs");
        organizations.create(Actor.session(stranger.id(), stranger.email()), "Theirs", theirOrg);
        assertThat(web.get("/orgs/" + theirOrg + "/oncall").statusCode()).isEqualTo(404);
    }
}
