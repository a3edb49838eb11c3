package io.bugmaster.oncall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestSchedules;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The bugmaster rotations page and the inbox's line, as people use them: escaped, CSRF-protected, for admins only to change. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class TriageRotationPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "correct horse battery staple 42";

    @Autowired
    ScheduleService schedules;

    @Test
    void anAdminMarksATeamsRotationAndTheInboxNamesTheBugmaster() {
        User owner = newUser(PASSWORD);
        Actor actor = Actor.session(owner.id(), owner.email());
        Organization org = organizations.create(actor, "Acme", unique("acme"));
        String slug = org.slug();
        long schedule = TestSchedules.weekly(schedules, actor, slug, "<b>Triage</b>", null,
                clock.instant().atZone(ZoneId.of("Europe/Paris")).minusDays(1).truncatedTo(ChronoUnit.HOURS), List.of(owner.id()));
        WebClient web = new WebClient(baseUrl());
        assertThat(web.login(owner.email(), PASSWORD).statusCode()).isEqualTo(302);
        String page = "/orgs/" + slug + "/bugmaster";
        assertThat(web.get(page).body()).contains("#" + slug).contains("No rotation").contains("&lt;b&gt;Triage&lt;/b&gt;")
                .doesNotContain("<b>Triage</b>");
        assertThat(web.get("/orgs/" + slug + "/inbox").body()).contains("None of your teams has a");

        assertThat(web.postRaw(page + "/" + slug, Map.of("schedule", String.valueOf(schedule))).statusCode()).as("no CSRF token")
                .isEqualTo(403);
        HttpResponse<String> marked = web.post(page, page + "/" + slug, Map.of("schedule", String.valueOf(schedule)));
        assertThat(marked.statusCode()).isEqualTo(302);
        String after = web.get(page).body();
        assertThat(after).contains("&lt;b&gt;Triage&lt;/b&gt; is the bugmaster rotation of #" + slug + " now.").contains(owner.email());
        assertThat(web.get("/orgs/" + slug + "/inbox").body()).contains("This week&#39;s bugmaster for #" + slug + ":")
                .contains("(you)").contains("(&lt;b&gt;Triage&lt;/b&gt;)");

        assertThat(web.post(page, page + "/" + slug, Map.of("schedule", "987654321")).statusCode()).isEqualTo(302);
        assertThat(web.get(page).body()).contains("no schedule with id 987654321 in this organization");

        assertThat(web.post(page, page + "/" + slug, Map.of("schedule", "")).statusCode()).isEqualTo(302);
        assertThat(web.get(page).body()).contains("has no bugmaster rotation now.");
    }

    @Test
    void aMemberSeesTheRotationsButCannotChangeThem() {
        User owner = newUser(PASSWORD);
        Actor actor = Actor.session(owner.id(), owner.email());
        Organization org = organizations.create(actor, "Acme", unique("acme"));
        User member = newUser(PASSWORD);
        join(actor, org.slug(), member, Role.MEMBER);
        long schedule = TestSchedules.weekly(schedules, actor, org.slug(), "Triage", null,
                clock.instant().atZone(ZoneId.of("UTC")).minusDays(1).truncatedTo(ChronoUnit.HOURS), List.of(owner.id()));
        WebClient web = new WebClient(baseUrl());
        assertThat(web.login(member.email(), PASSWORD).statusCode()).isEqualTo(302);
        String page = "/orgs/" + org.slug() + "/bugmaster";
        assertThat(web.get(page).body()).contains("#" + org.slug()).doesNotContain("<select");
        HttpResponse<String> denied = web.post("/orgs/" + org.slug() + "/inbox", page + "/" + org.slug(),
                Map.of("schedule", String.valueOf(schedule)));
        assertThat(denied.statusCode()).isEqualTo(403);
    }
}
