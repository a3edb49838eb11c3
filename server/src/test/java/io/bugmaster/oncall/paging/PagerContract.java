package io.bugmaster.oncall.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Receiver;
import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.oncall.Pager;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Paging in GoAlert's style: seed a person with contact methods and rules, page them, move the
 * clock, run the engine, and expect the push and the SMS at real receivers (or not).
 */
abstract class PagerContract extends IntegrationTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";

    @Autowired Pager pager;
    @Autowired ContactMethods people;
    @Autowired SmsProviders smsProviders;
    @Autowired PageStepsModule steps;
    @Autowired JdbcClient db;

    Receiver ntfy;
    Receiver twilio;
    Tenant tenant;
    ContactMethod push;
    ContactMethod sms;

    @BeforeEach
    void seed() {
        ntfy = new Receiver().answering(200, "{\"id\":\"abc\",\"event\":\"message\"}");
        twilio = new Receiver().answering(201, "{\"sid\":\"SM123\",\"status\":\"queued\"}");
        tenant = newTenant();
        smsProviders.set(tenant.owner(), tenant.org().slug(),
                new SmsProviders.Change(twilio.url(""), SID, "auth-token-" + UUID.randomUUID(), "+14155550100"));
        push = people.create(tenant.owner(), new ContactMethods.Input("ntfy", "Phone", ntfy.url("/jane-" + UUID.randomUUID().toString()
                .substring(0, 8)), "tk_abc", null));
        sms = people.create(tenant.owner(), new ContactMethods.Input("sms", null, "+33 6 12 34 56 78", null, null));
        // "at once by push, after 5 minutes by SMS"
        people.createRule(tenant.owner(), new ContactMethods.RuleInput("high", push.id(), 0));
        people.createRule(tenant.owner(), new ContactMethods.RuleInput("high", sms.id(), 5));
        people.createRule(tenant.owner(), new ContactMethods.RuleInput("low", push.id(), 0));
    }

    @AfterEach
    void close() {
        ntfy.close();
        twilio.close();
    }

    Notification incident(int number) {
        return Notification.of("incident:" + number + ":" + UUID.randomUUID(), Notification.Kind.ALERT, "incident:" + number,
                "incident.triggered", tenant.org().slug(), "Checkout is down")
                .withData(Map.of("incident_number", number))
                .withActions(List.of(new Notification.Action(Notification.Action.Type.ACKNOWLEDGE, "Acknowledge",
                        "http://localhost:8080/act/ack-" + number)));
    }

    Pager.PageRequest request(int number, Urgency urgency) {
        String subject = "incident:" + number + ":" + tenant.org().id();
        return new Pager.PageRequest(tenant.org().id(), tenant.user().id(), subject, subject + ":level:0:user:" + tenant.user().id(),
                urgency, incident(number));
    }

    void runEngine() {
        for (int i = 0; i < 3; i++) {
            engine.runOnce();
        }
    }

    @Test
    void pushAtOnceThenSmsAfterFiveMinutesWhenNobodyStopsIt() {
        pager.page(request(42, Urgency.HIGH));
        runEngine();
        assertThat(ntfy.requests()).hasSize(1);
        assertThat(ntfy.only().header("Priority")).isEqualTo("urgent");
        assertThat(ntfy.only().header("Actions")).contains("http, Acknowledge, http://localhost:8080/act/ack-42, method=POST, clear=true");
        assertThat(twilio.requests()).isEmpty();

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        runEngine();
        assertThat(twilio.requests()).as("not due before 5 minutes").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        runEngine();
        assertThat(twilio.requests()).hasSize(1);
        assertThat(twilio.only().path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(twilio.only().body()).contains("To=%2B33612345678").contains("Reply+ack+42+or+resolve+42");

        clock.advance(Duration.ofHours(1));
        runEngine();
        assertThat(ntfy.requests()).hasSize(1);
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void stoppedBeforeFiveMinutesSendsNoSms() {
        Pager.PageRequest page = request(43, Urgency.HIGH);
        pager.page(page);
        runEngine();
        clock.advance(Duration.ofMinutes(3));
        pager.stop(tenant.org().id(), page.subject());

        clock.advance(Duration.ofMinutes(10));
        runEngine();
        assertThat(ntfy.requests()).hasSize(1);
        assertThat(twilio.requests()).isEmpty();
        assertThat(db.sql("SELECT state FROM page_steps s JOIN pages p ON p.id = s.page_id WHERE p.page_key = ?").param(page.pageKey())
                .query(String.class).list()).containsExactly("stopped");
    }

    @Test
    void stoppingSkipsWhatWaitsForARetrySoAnAnsweredPageWakesNobody() {
        ntfy.answering(503, "busy");
        Pager.PageRequest page = request(47, Urgency.HIGH);
        pager.page(page);
        runEngine();
        assertThat(ntfy.requests()).hasSize(1);
        pager.stop(tenant.org().id(), page.subject());

        ntfy.answering(200, "{}");
        clock.advance(Duration.ofMinutes(30));
        runEngine();
        assertThat(ntfy.requests()).as("the retry is not sent").hasSize(1);
        assertThat(twilio.requests()).isEmpty();
        assertThat(db.sql("SELECT state || ': ' || last_error FROM notification_queue WHERE idempotency_key = ?")
                .param(page.pageKey() + ":m" + push.id()).query(String.class).single())
                .isEqualTo("skipped: " + RulePager.STOPPED);
    }

    @Test
    void theSamePageKeyTwicePagesOnceAndADueStepIsQueuedOnceByTwoNodes() {
        Pager.PageRequest page = request(44, Urgency.HIGH);
        pager.page(page);
        pager.page(page);
        clock.advance(Duration.ofMinutes(5));
        // two nodes' engines find the same due step: the conditional update lets one queue it
        steps.run(clock.instant());
        steps.run(clock.instant());
        runEngine();
        assertThat(ntfy.requests()).hasSize(1);
        assertThat(twilio.requests()).hasSize(1);
        assertThat(db.sql("SELECT COUNT(*) FROM notification_queue WHERE idempotency_key LIKE ?").param(page.pageKey() + ":%")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void lowUrgencyFollowsItsOwnRules() {
        pager.page(request(45, Urgency.LOW));
        clock.advance(Duration.ofMinutes(30));
        runEngine();
        assertThat(ntfy.only().header("Priority")).isEqualTo("default");
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void aMethodThatFailsForGoodIsFlaggedAndAPersonWithNothingWorkingHasNoWorkingMethod() {
        assertThat(people.hasWorkingContactMethod(tenant.user().id())).isTrue();
        ntfy.answering(403, "{\"error\":\"forbidden\"}");
        pager.page(request(46, Urgency.LOW));
        runEngine();
        ContactMethod failing = people.get(tenant.owner(), Long.toString(push.id()));
        assertThat(failing.lastError()).contains("403");
        assertThat(failing.works()).isFalse();

        for (ContactMethod m : people.list(tenant.owner())) {
            if (m.id() != push.id()) {
                people.update(tenant.owner(), Long.toString(m.id()), new ContactMethods.Input(null, null, null, null, false));
            }
        }
        assertThat(people.hasWorkingContactMethod(tenant.user().id())).isFalse();

        ntfy.answering(200, "{}");
        people.test(tenant.owner(), Long.toString(push.id()), tenant.org().slug());
        assertThat(people.hasWorkingContactMethod(tenant.user().id())).isTrue();
    }

    @Test
    void aNewPersonGetsTheirAccountEmailAtOnceForBothUrgencies() {
        Tenant fresh = newTenant();
        ContactMethods.Rules rules = people.rules(fresh.owner());
        assertThat(rules.isDefault()).isTrue();
        List<ContactMethod> methods = people.list(fresh.owner());
        assertThat(methods).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ContactMethod.Kind.EMAIL);
            assertThat(m.address()).isEqualTo(fresh.user().email());
        });
        assertThat(rules.rules()).extracting(r -> r.urgency() + "/" + r.contactMethodId() + "/" + r.delayMinutes())
                .containsExactly("HIGH/" + methods.get(0).id() + "/0", "LOW/" + methods.get(0).id() + "/0");
        assertThat(people.hasWorkingContactMethod(fresh.user().id())).isTrue();
    }
}
