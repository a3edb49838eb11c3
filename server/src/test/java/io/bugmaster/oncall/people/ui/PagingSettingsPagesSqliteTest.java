package io.bugmaster.oncall.people.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The contact methods and paging page over real HTTP, logged in, with a real ntfy receiver behind a method. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PagingSettingsPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "paging-pages-password";
    static final String PAGE = "/settings/paging";

    WebClient web;
    Receiver ntfy;
    User user;

    @BeforeEach
    void logIn() {
        user = newUser(PASSWORD);
        organizations.create(Actor.session(user.id(), user.email()), "Shop", unique("shop"));
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
        ntfy = new Receiver().answering(200, "{\"id\":\"x\"}");
    }

    @AfterEach
    void stop() {
        ntfy.close();
    }

    @Test
    void aNewPersonSeesTheirAccountEmailAndIsToldTheDefaultRuleApplies() {
        HttpResponse<String> page = web.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains(user.email()).contains("id=\"default-rules\"").contains("the default applies")
                .contains("aria-current=\"page\">Contact methods and paging</a>");
        int forms = html.split("<form method=\"post\"", -1).length - 1;
        int tokens = html.split("name=\"_csrf\"", -1).length - 1;
        assertThat(forms).isGreaterThanOrEqualTo(5);
        assertThat(tokens).isEqualTo(forms);
    }

    @Test
    void aPushMethodIsAddedTestedAndUsedByARuleAndNamesAreEscaped() {
        HttpResponse<String> added = web.post(PAGE, PAGE + "/methods", Map.of("type", "ntfy", "label", "Phone <b>x</b>",
                "address", ntfy.url("/jane-topic"), "token", "tk_SECRET"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        String html = web.get(PAGE).body();
        assertThat(html).contains("Phone &lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>").doesNotContain("tk_SECRET");
        Matcher id = Pattern.compile("id=\"method-(\\d+)\">\\s*<th scope=\"row\">Phone &lt;b&gt;").matcher(html);
        assertThat(id.find()).isTrue();
        String method = id.group(1);

        HttpResponse<String> test = web.post(PAGE, PAGE + "/methods/" + method + "/test", Map.of());
        assertThat(test.statusCode()).isEqualTo(302);
        assertThat(web.get(PAGE).body()).contains("Test notification delivered");
        assertThat(ntfy.only().header("Authorization")).isEqualTo("Bearer tk_SECRET");

        assertThat(web.post(PAGE, PAGE + "/rules", Map.of("urgency", "high", "contact_method", method, "delay", "5")).statusCode())
                .isEqualTo(302);
        String after = web.get(PAGE).body();
        assertThat(after).doesNotContain("id=\"default-rules\"").contains("After 5 minutes by Push (ntfy) (Phone &lt;b&gt;x&lt;/b&gt;)");
    }

    @Test
    void aBadAddressIsShownNextToTheFieldWithWhatWasTyped() {
        HttpResponse<String> bad = web.post(PAGE, PAGE + "/methods", Map.of("type", "sms", "address", "0612<script>"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("E.164").contains("value=\"0612&lt;script&gt;\"").doesNotContain("0612<script>");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        assertThat(web.postRaw(PAGE + "/methods", Map.of("type", "email", "address", "a@example.com")).statusCode()).isEqualTo(403);
    }
}
