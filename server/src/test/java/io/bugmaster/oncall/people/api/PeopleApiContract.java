package io.bugmaster.oncall.people.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** /api/0/users/me/contact-methods/ and /notification-rules/, and the organization's SMS provider, over HTTP. */
abstract class PeopleApiContract extends IntegrationTest {
    static final String METHODS = "/api/0/users/me/contact-methods/";
    static final String RULES = "/api/0/users/me/notification-rules/";

    @Autowired JdbcClient db;
    ApiClient http;
    Tenant tenant;
    Receiver ntfy;

    @BeforeEach
    void setUp() {
        http = new ApiClient(baseUrl());
        tenant = newTenant();
        ntfy = new Receiver().answering(200, "{\"id\":\"m1\",\"event\":\"message\"}");
    }

    @AfterEach
    void tearDown() {
        ntfy.close();
    }

    @Test
    void aNewPersonSeesTheirAccountEmailAndTheDefaultRule() {
        ApiClient.Response methods = http.get(tenant.ownerToken(), METHODS);
        assertThat(methods.status()).isEqualTo(200);
        assertThat(methods.json().size()).isEqualTo(1);
        assertThat(methods.json().get(0).path("type").asString()).isEqualTo("email");
        assertThat(methods.json().get(0).path("address").asString()).isEqualTo(tenant.user().email());

        ApiClient.Response rules = http.get(tenant.ownerToken(), RULES);
        assertThat(rules.json().size()).isEqualTo(2);
        assertThat(rules.json()).allSatisfy(r -> {
            assertThat(r.path("default").asBoolean()).isTrue();
            assertThat(r.path("start_delay_in_minutes").asInt()).isZero();
            assertThat(r.path("contact_method").path("type").asString()).isEqualTo("email");
        });
    }

    @Test
    void pushMethodWithATokenIsStoredEncryptedShownWithoutItAndTested() {
        ApiClient.Response created = http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "ntfy", "label", "My phone",
                "address", ntfy.url("/jane-topic"), "token", "tk_SECRETTOKEN"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.path("address").asString()).isEqualTo(ntfy.url("/jane-topic"));
        assertThat(json.path("has_token").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("SECRETTOKEN");
        String stored = db.sql("SELECT config FROM contact_methods WHERE id = ?").param(Long.parseLong(json.path("id").asString()))
                .query(String.class).single();
        assertThat(stored).doesNotContain("SECRETTOKEN").doesNotContain("jane-topic");

        ApiClient.Response test = http.post(tenant.ownerToken(), METHODS + json.path("id").asString() + "/test/", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().path("ok").asBoolean()).isTrue();
        assertThat(ntfy.only().path()).isEqualTo("/jane-topic");
        assertThat(ntfy.only().header("Authorization")).isEqualTo("Bearer tk_SECRETTOKEN");
        assertThat(ntfy.only().header("Tags")).isEqualTo("test_tube");
    }

    @Test
    void rulesArePerUrgencyWithADelayAndNameOnlyTheCallersMethods() {
        String sms = http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "sms", "address", "+14155550123")).json()
                .path("id").asString();
        ApiClient.Response rule = http.post(tenant.ownerToken(), RULES, "{\"urgency\":\"high\",\"start_delay_in_minutes\":5,"
                + "\"contact_method\":{\"id\":\"" + sms + "\"}}");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        assertThat(rule.json().path("contact_method").path("type").asString()).isEqualTo("sms");
        assertThat(rule.json().path("default").asBoolean()).isFalse();
        assertThat(http.get(tenant.ownerToken(), RULES).json().size()).isEqualTo(1);

        ApiClient.Response duplicate = http.post(tenant.ownerToken(), RULES, "{\"urgency\":\"high\",\"start_delay_in_minutes\":5,"
                + "\"contact_method\":{\"id\":\"" + sms + "\"}}");
        assertThat(duplicate.status()).isEqualTo(409);

        // someone else can neither see, change, test nor use this person's method
        String other = memberToken(tenant, Role.MEMBER);
        assertThat(http.get(other, METHODS + sms + "/").status()).isEqualTo(404);
        assertThat(http.put(other, METHODS + sms + "/", ApiClient.json("address", "+14155550199")).status()).isEqualTo(404);
        assertThat(http.post(other, METHODS + sms + "/test/", null).status()).isEqualTo(404);
        assertThat(http.delete(other, METHODS + sms + "/").status()).isEqualTo(404);
        ApiClient.Response stolen = http.post(other, RULES, "{\"urgency\":\"high\",\"start_delay_in_minutes\":0,"
                + "\"contact_method\":{\"id\":\"" + sms + "\"}}");
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.detail()).contains("not one of your contact methods");

        assertThat(http.delete(tenant.ownerToken(), METHODS + sms + "/").status()).isEqualTo(204);
        assertThat(http.get(tenant.ownerToken(), RULES).json()).allSatisfy(r -> assertThat(r.path("default").asBoolean()).isTrue());
    }

    @Test
    void badInputGetsAClearError() {
        assertThat(http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "sms", "address", "0612345678")).detail())
                .contains("E.164");
        assertThat(http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "pigeon", "address", "x")).detail())
                .contains("email, ntfy, sms, webhook");
        assertThat(http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "ntfy", "address", "https://ntfy.sh/")).detail())
                .contains("topic");
        assertThat(http.post(tenant.ownerToken(), METHODS, ApiClient.json("type", "email", "address", "not-an-address")).status())
                .isEqualTo(400);
        String email = http.get(tenant.ownerToken(), METHODS).json().get(0).path("id").asString();
        ApiClient.Response late = http.post(tenant.ownerToken(), RULES, "{\"urgency\":\"urgent\",\"start_delay_in_minutes\":5,"
                + "\"contact_method\":{\"id\":\"" + email + "\"}}");
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.detail()).contains("high or low");
        assertThat(http.post(tenant.ownerToken(), RULES, "{\"urgency\":\"low\",\"start_delay_in_minutes\":-1,"
                + "\"contact_method\":{\"id\":\"" + email + "\"}}").status()).isEqualTo(400);
    }

    @Test
    void theSmsProviderIsAnAdminSettingWithTheTokenMasked() {
        String path = "/api/0/organizations/" + tenant.org().slug() + "/sms-provider/";
        assertThat(http.get(tenant.ownerToken(), path).status()).isEqualTo(404);
        ApiClient.Response set = http.put(tenant.ownerToken(), path, ApiClient.json("base_url", "https://api.twilio.com",
                "account_sid", "AC0123", "auth_token", "SECRETAUTHTOKEN1234", "from_number", "+1 415 555 0100"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("auth_token").asString()).isEqualTo("••••1234");
        assertThat(set.json().path("from_number").asString()).isEqualTo("+14155550100");
        assertThat(set.json().path("inbound_url").asString()).isEqualTo("http://localhost:8080/inbound/sms/twilio");
        assertThat(set.body()).doesNotContain("SECRETAUTHTOKEN");
        assertThat(db.sql("SELECT auth_token FROM sms_providers WHERE org_id = ?").param(tenant.org().id()).query(String.class).single())
                .doesNotContain("SECRETAUTHTOKEN");

        // a blank token keeps the stored one
        ApiClient.Response kept = http.put(tenant.ownerToken(), path, ApiClient.json("base_url", "https://api.twilio.com",
                "account_sid", "AC0123", "auth_token", "", "from_number", "+14155550100"));
        assertThat(kept.json().path("auth_token").asString()).isEqualTo("••••1234");

        String member = memberToken(tenant, Role.MEMBER);
        assertThat(http.put(member, path, ApiClient.json("base_url", "https://evil.example", "account_sid", "AC1", "auth_token", "x",
                "from_number", "+14155550100")).status()).isEqualTo(403);
        assertThat(http.put(tenant.ownerToken(), path, ApiClient.json("base_url", "ftp://x", "account_sid", "AC1",
                "from_number", "+14155550100")).status()).isEqualTo(400);
        assertThat(List.of(http.delete(tenant.ownerToken(), path).status(), http.get(tenant.ownerToken(), path).status()))
                .containsExactly(204, 404);
    }
}
