package io.bugmaster.notify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The organization's SMS provider page over real HTTP. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SmsProviderPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "sms-pages-password";

    Organization org;
    User owner;
    String page;

    @BeforeEach
    void setUp() {
        owner = newUser(PASSWORD);
        org = organizations.create(Actor.session(owner.id(), owner.email()), "Shop", unique("shop"));
        page = "/orgs/" + org.slug() + "/settings/sms";
    }

    WebClient logIn(User user) {
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
        return web;
    }

    @Test
    void anAdminSetsTheProviderAndSeesTheTokenMaskedAndTheInboundUrl() {
        WebClient web = logIn(owner);
        assertThat(web.get(page).body()).contains("No SMS provider").contains("http://localhost:8080/inbound/sms/twilio")
                .as("nothing to remove yet").doesNotContain("Remove the SMS provider");
        HttpResponse<String> saved = web.post(page, page, Map.of("base_url", "https://api.twilio.com", "account_sid", "AC42",
                "auth_token", "SECRETTOKEN9876", "from_number", "+14155550100"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String html = web.get(page).body();
        assertThat(html).contains("SMS provider saved.").contains("••••9876").contains("+14155550100").doesNotContain("SECRETTOKEN")
                .contains("Remove the SMS provider");

        HttpResponse<String> bad = web.post(page, page, Map.of("base_url", "https://api.twilio.com", "account_sid", "AC42",
                "auth_token", "", "from_number", "0612 <b>"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("E.164").doesNotContain("<b>");
    }

    @Test
    void aMemberSeesItButCannotChangeIt() {
        User member = newUser(PASSWORD);
        join(Actor.session(owner.id(), owner.email()), org.slug(), member, Role.MEMBER);
        WebClient web = logIn(member);
        HttpResponse<String> shown = web.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("id=\"sms-provider\"").doesNotContain("Remove the SMS provider");
        assertThat(web.post(page, page, Map.of("base_url", "https://evil.example", "account_sid", "AC1", "auth_token", "x",
                "from_number", "+14155550100")).statusCode()).isEqualTo(403);
    }
}
