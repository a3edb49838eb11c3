package io.bugmaster.notify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
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

/** The notification channels pages over real HTTP, with a real receiver behind the channels. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ChannelPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "channel-pages-password";
    static final Pattern CHANNEL = Pattern.compile("/settings/notifications/(\\d+)$");

    WebClient web;
    Organization org;
    Receiver receiver;
    String page;

    @BeforeEach
    void logIn() {
        User user = newUser(PASSWORD);
        org = organizations.create(Actor.session(user.id(), user.email()), "Shop", unique("shop"));
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
        receiver = new Receiver();
        page = "/orgs/" + org.slug() + "/settings/notifications";
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    String create(Map<String, String> form) {
        HttpResponse<String> created = web.post(page, page, form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher m = CHANNEL.matcher(WebClient.location(created));
        assertThat(m.find()).as(WebClient.location(created)).isTrue();
        return m.group(1);
    }

    @Test
    void theListShowsAFormPerKindWithLabelledFieldsAndCsrfOnEveryForm() {
        HttpResponse<String> list = web.get(page);
        assertThat(list.statusCode()).isEqualTo(200);
        String html = list.body();
        assertThat(html).contains("No channels yet.")
                .contains("<label for=\"slack-url\">Incoming webhook URL</label>")
                .contains("<label for=\"webhook-secret\">Signing secret</label>")
                .contains("<label for=\"pagerduty-routing_key\">Integration key (routing key)</label>")
                .contains("<label for=\"email-to\">Recipients</label>")
                .contains("<label for=\"teams-url\">Workflows webhook URL</label>")
                .contains("<label for=\"discord-url\">Webhook URL</label>");
        int forms = html.split("<form method=\"post\"", -1).length - 1;
        int tokens = html.split("name=\"_csrf\"", -1).length - 1;
        assertThat(forms).isGreaterThanOrEqualTo(8);
        assertThat(tokens).isEqualTo(forms);
        assertThat(html).contains("aria-current=\"page\">Notifications</a>");
    }

    @Test
    void aSlackChannelIsAddedShownMaskedTestedTurnedOffAndOnAndDeleted() {
        String id = create(Map.of("kind", "slack", "name", "Ops <b>room</b>", "url", receiver.url("/services/T1/B1/SECRETTOKEN")));
        String channelPage = page + "/" + id;

        String list = web.get(page).body();
        assertThat(list).contains("Ops &lt;b&gt;room&lt;/b&gt;").doesNotContain("<b>room</b>").doesNotContain("SECRETTOKEN")
                .contains("/services/T1…/****").contains("never");

        HttpResponse<String> tested = web.post(channelPage, channelPage + "/test", Map.of());
        assertThat(tested.statusCode()).isEqualTo(302);
        String after = web.get(channelPage).body();
        assertThat(after).contains("Test notification delivered").contains("badge ok\">delivered</span>");
        assertThat(receiver.requests()).hasSize(1);
        assertThat(web.get(page).body()).contains("delivered").contains("just now");

        web.post(channelPage, channelPage + "/disable", Map.of());
        String off = web.get(channelPage).body();
        assertThat(off).contains("Turned off: disabled by ").contains(">Turn on</button>");
        assertThat(web.get(page).body()).contains("badge off\">Off</span>");
        web.post(channelPage, channelPage + "/enable", Map.of());
        assertThat(web.get(channelPage).body()).contains(">Turn off</button>").doesNotContain("Turned off:");

        receiver.answering(404, "no_service");
        web.post(channelPage, channelPage + "/test", Map.of());
        assertThat(web.get(channelPage).body()).contains("Test notification failed (permanent)").contains("404");

        HttpResponse<String> deleted = web.post(channelPage, channelPage + "/delete", Map.of());
        assertThat(WebClient.location(deleted)).endsWith(page);
        assertThat(web.get(page).body()).contains("Channel deleted.").contains("No channels yet.");
        assertThat(web.get(channelPage).statusCode()).isEqualTo(404);
    }

    @Test
    void aWebhookWithoutASecretGetsOneShownOnlyOnce() {
        String id = create(Map.of("kind", "webhook", "name", "Hook", "url", receiver.url("/hook"), "secret", ""));
        String first = web.get(page + "/" + id).body();
        assertThat(first).containsPattern("<code id=\"generated-secret\">whsec_[A-Za-z0-9+/=]{20,}</code>");
        String second = web.get(page + "/" + id).body();
        assertThat(second).doesNotContain("generated-secret").contains("whsec_****");
    }

    @Test
    void invalidSettingsAreShownNextToTheFieldAndTheFormKeepsWhatWasTyped() {
        HttpResponse<String> rejected = web.post(page, page, Map.of("kind", "slack", "name", "Ops", "url", "ftp://example.com/x"));
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.body()).contains("class=\"field-error\">Incoming webhook URL ").contains("value=\"Ops\"")
                .contains("<details class=\"snippet\" open");
        HttpResponse<String> noRecipients = web.post(page, page, Map.of("kind", "email", "name", "Mail", "to", ""));
        assertThat(noRecipients.statusCode()).isEqualTo(422);
        assertThat(noRecipients.body()).contains("class=\"field-error\">Recipients ");
    }

    @Test
    void sendResolvedIsACheckboxOnByDefaultThatTheFormsTurnOffAndOn() {
        String list = web.get(page).body();
        assertThat(list).contains("id=\"slack-sendResolved\" name=\"sendResolved\" type=\"checkbox\" value=\"true\"")
                .contains("<input type=\"hidden\" name=\"sendResolved\" value=\"false\">")
                .doesNotContain("id=\"pagerduty-sendResolved\"");
        // unchecked, a browser sends only the hidden "false"
        String id = create(Map.of("kind", "slack", "name", "Noisy", "url", receiver.url("/services/T1/B1/TOKEN"), "sendResolved", "false"));
        String channelPage = page + "/" + id;
        String html = web.get(channelPage).body();
        assertThat(html).contains("<dt>Send “Resolved” messages</dt><dd><code>false</code></dd>")
                .containsPattern("id=\"edit-sendResolved\" name=\"sendResolved\" type=\"checkbox\" value=\"true\"\\s+aria-describedby=\"edit-sendResolved-help\">");
        // checked, "true" comes first
        assertThat(web.post(channelPage, channelPage + "/edit", Map.of("name", "Noisy", "url", receiver.url("/services/T1…/****"),
                "sendResolved", "true")).statusCode()).isEqualTo(302);
        assertThat(web.get(channelPage).body()).contains("<dt>Send “Resolved” messages</dt><dd><code>true</code></dd>")
                .containsPattern("id=\"edit-sendResolved\" name=\"sendResolved\" type=\"checkbox\" value=\"true\"\\s+aria-describedby=\"edit-sendResolved-help\" checked=\"checked\">");
        HttpResponse<String> bad = web.post(channelPage, channelPage + "/edit", Map.of("name", "Noisy", "sendResolved", "maybe"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"edit-sendResolved-error\">Send “Resolved” messages must be true or false");
    }

    @Test
    void aChannelIsEditedWithMaskedSecretsKeptAndErrorsShownPerField() {
        String id = create(Map.of("kind", "slack", "name", "Ops", "url", receiver.url("/services/T1/B1/SECRETTOKEN")));
        String channelPage = page + "/" + id;
        String html = web.get(channelPage).body();
        String masked = receiver.url("/services/T1…/****");
        assertThat(html).contains("<dt>Webhook URL</dt>").doesNotContain("<dt>url</dt>").doesNotContain("SECRETTOKEN")
                .contains("<label for=\"edit-url\">Webhook URL</label>")
                .contains("id=\"edit-url\" name=\"url\" type=\"text\"")
                .contains("value=\"" + masked + "\"")
                .contains("<label for=\"edit-name\">Name</label>");

        // the masked URL sent back as shown keeps the stored one
        HttpResponse<String> renamed = web.post(channelPage, channelPage + "/edit", Map.of("name", "Ops <i>on call</i>", "url", masked));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(302);
        assertThat(web.get(channelPage).body()).contains("Channel &#39;Ops &lt;i&gt;on call&lt;/i&gt;&#39; saved.")
                .contains("<h1>Ops &lt;i&gt;on call&lt;/i&gt;</h1>");
        web.post(channelPage, channelPage + "/test", Map.of());
        assertThat(receiver.only().path()).isEqualTo("/services/T1/B1/SECRETTOKEN");

        // errors are shown by field, with what was typed
        HttpResponse<String> bad = web.post(channelPage, channelPage + "/edit", Map.of("name", "", "url", "ftp://example.com/x"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"edit-name-error\"").contains("aria-invalid=\"true\"");
        HttpResponse<String> badUrl = web.post(channelPage, channelPage + "/edit", Map.of("name", "Ops", "url", "ftp://example.com/x"));
        assertThat(badUrl.statusCode()).isEqualTo(422);
        assertThat(badUrl.body()).contains("id=\"edit-url-error\">Webhook URL ").contains("value=\"" + masked + "\"")
                .doesNotContain("SECRETTOKEN");

        // a new value replaces it
        HttpResponse<String> moved = web.post(channelPage, channelPage + "/edit", Map.of("name", "Ops", "url",
                receiver.url("/services/T2/B2/NEWTOKEN")));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        web.post(channelPage, channelPage + "/test", Map.of());
        assertThat(receiver.requests()).hasSize(2);
        assertThat(receiver.requests().get(1).path()).isEqualTo("/services/T2/B2/NEWTOKEN");
    }

    @Test
    void anEmailChannelsRecipientsAreEditedAndAWebhookKeepsItsSecretWhenLeftBlank() {
        String mail = create(Map.of("kind", "email", "name", "Mail", "to", "a@example.com"));
        String mailPage = page + "/" + mail;
        assertThat(web.get(mailPage).body()).contains("<dt>Recipients</dt>").contains("value=\"a@example.com\"");
        HttpResponse<String> bad = web.post(mailPage, mailPage + "/edit", Map.of("name", "Mail", "to", "not-an-address"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"edit-to-error\">Recipients ").contains("value=\"not-an-address\"");
        assertThat(web.post(mailPage, mailPage + "/edit", Map.of("name", "Mail", "to", "a@example.com, b@example.com"))
                .statusCode()).isEqualTo(302);
        assertThat(web.get(mailPage).body()).contains("<code>a@example.com, b@example.com</code>");

        String hook = create(Map.of("kind", "webhook", "name", "Hook", "url", receiver.url("/hook"), "secret", ""));
        String hookPage = page + "/" + hook;
        String shown = web.get(hookPage).body();
        Matcher secret = Pattern.compile("<code id=\"generated-secret\">(whsec_[^<]+)</code>").matcher(shown);
        assertThat(secret.find()).isTrue();
        assertThat(web.get(hookPage).body()).contains("<dt>Signing secret</dt>").contains("value=\"whsec_****\"");
        assertThat(web.post(hookPage, hookPage + "/edit", Map.of("name", "Hook 2", "url", receiver.url("/hook"), "secret", ""))
                .statusCode()).isEqualTo(302);
        web.post(hookPage, hookPage + "/test", Map.of());
        Receiver.Request sent = receiver.only();
        String signed = sent.header("webhook-id") + "." + sent.header("webhook-timestamp") + "." + sent.body();
        assertThat(sent.header("webhook-signature")).isEqualTo("v1," + sign(secret.group(1), signed));
    }

    @Test
    void anEmailChannelAddedWhileSmtpIsNotSetUpSaysSoOnItsPageAndInTheList() {
        String mail = create(Map.of("kind", "email", "name", "Mail", "to", "ops@example.com"));
        String shown = web.get(page + "/" + mail).body();
        assertThat(shown).contains("Channel &#39;Mail&#39; added.").doesNotContain("Send a test notification to check it")
                .contains("<p class=\"alert\" role=\"alert\">Email is not set up on this server: an admin sets BUGMASTER_SMTP_HOST");
        assertThat(web.get(page).body()).contains("Cannot send").contains("Email is not set up on this server");
        String slack = create(Map.of("kind", "slack", "name", "Ops", "url", receiver.url("/services/T1/B1/X")));
        assertThat(web.get(page + "/" + slack).body()).contains("Send a test notification to check it")
                .doesNotContain("Email is not set up");
    }

    @Test
    void channelsWhoseLastAttemptHasNoHttpStatusAreShown() {
        // SMTP is not set up in tests: the test email fails without an HTTP status (as a refused connection does)
        String mail = create(Map.of("kind", "email", "name", "Mail", "to", "ops@example.com"));
        String mailPage = page + "/" + mail;
        web.post(mailPage, mailPage + "/test", Map.of());
        HttpResponse<String> list = web.get(page);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("failed permanent");
        HttpResponse<String> channel = web.get(mailPage);
        assertThat(channel.statusCode()).as(channel.body()).isEqualTo(200);
        assertThat(channel.body()).contains("email is not set up on this server");
    }

    static String sign(String secret, String content) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        HttpResponse<String> forged = web.postRaw(page, Map.of("kind", "slack", "name", "Evil", "url", receiver.url("/x")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(web.get(page).body()).doesNotContain("Evil");
    }
}
