package io.bugmaster.oncall.schedules.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestSchedules;
import io.bugmaster.web.WebClient;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** A person nobody can reach (every contact method off) is flagged on the schedule that includes them; a reachable one is not. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class UnreachablePeopleSqliteTest extends IntegrationTest {
    static final String PASSWORD = "unreachable-pages-password";

    @Autowired ScheduleService schedules;
    @Autowired ContactMethods contactMethods;

    @Test
    void aScheduleFlagsThePeopleWithoutAWorkingContactMethod() {
        User owner = newUser(PASSWORD);
        Actor admin = Actor.session(owner.id(), owner.email());
        String org = organizations.create(admin, "Shop", unique("shop")).slug();
        User ann = newUser("pw-" + unique("a"));
        User bob = newUser("pw-" + unique("b"));
        join(admin, org, ann, Role.MEMBER);
        join(admin, org, bob, Role.MEMBER);
        // Bob's only way to be reached is turned off; Ann has the default (her account email)
        Actor bobActs = Actor.session(bob.id(), bob.email());
        ContactMethod push = contactMethods.create(bobActs, new ContactMethods.Input("ntfy", "Phone", "http://127.0.0.1:9/bob", null, null));
        contactMethods.update(bobActs, Long.toString(push.id()), new ContactMethods.Input(null, null, null, null, false));
        long schedule = TestSchedules.weekly(schedules, admin, org, "Primary", null,
                clock.instant().atZone(ZoneId.of("Europe/Paris")).truncatedTo(ChronoUnit.DAYS), List.of(ann.id(), bob.id()));

        WebClient web = new WebClient(baseUrl());
        web.login(owner.email(), PASSWORD);
        String html = web.get("/orgs/" + org + "/schedules/" + schedule).body();
        assertThat(html).contains("id=\"unreachable\"").contains("One person on this schedule cannot be reached:");
        String flagged = html.substring(html.indexOf("id=\"unreachable\""), html.indexOf("</div>", html.indexOf("id=\"unreachable\"")));
        assertThat(flagged).contains(bob.name()).doesNotContain(ann.name());

        // Bob turns his push back on: nobody is flagged
        contactMethods.update(bobActs, Long.toString(push.id()), new ContactMethods.Input(null, null, null, null, true));
        assertThat(web.get("/orgs/" + org + "/schedules/" + schedule).body()).doesNotContain("id=\"unreachable\"");
    }
}
