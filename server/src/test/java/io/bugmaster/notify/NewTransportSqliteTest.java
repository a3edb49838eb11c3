package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.pigeon.PigeonTransport;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A new transport is one package and one line in the registry: {@code notify.pigeon} (a test
 * package) plus the line below that adds its kind to {@link Transports#ORDER}. With nothing else,
 * the server creates, validates and masks its channels, offers it on the channels page, sends its
 * test message and delivers queued notifications through it.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@TestPropertySource(properties = "spring.main.allow-bean-definition-overriding=true")
@Import(NewTransportSqliteTest.WithPigeons.class)
class NewTransportSqliteTest extends IntegrationTest {

    @TestConfiguration
    static class WithPigeons {
        @Bean
        PigeonTransport pigeonTransport(OutboundHttp http) {
            return new PigeonTransport(http);
        }

        /** The server's registry, with the one line a new transport adds. */
        @Bean
        Transports transports(List<Transport> beans) {
            List<String> order = new ArrayList<>(Transports.ORDER);
            order.add("pigeon");
            return new Transports(order, Transports.PERSONAL, beans);
        }
    }

    @Autowired NotificationQueue queue;

    Tenant tenant;
    Receiver loft;
    ApiClient api;
    String channels;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        loft = new Receiver();
        api = new ApiClient(baseUrl());
        channels = "/api/0/organizations/" + tenant.org().slug() + "/notification-channels/";
    }

    @AfterEach
    void tearDown() {
        loft.close();
    }

    @Test
    void aTransportInItsOwnPackageListedOnceIsAKindOfChannelLikeAnyOther() {
        ApiClient.Response unknown = api.post(tenant.ownerToken(), channels,
                "{\"name\": \"birds\", \"kind\": \"pigeon\", \"config\": {\"url\": \"" + loft.url("/loft") + "\", \"ring\": \"7\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.toString()).contains("unknown setting for a pigeon channel; it takes: url");
        ApiClient.Response missing = api.post(tenant.ownerToken(), channels, "{\"name\": \"birds\", \"kind\": \"pigeon\", \"config\": {}}");
        assertThat(missing.toString()).contains("is required: the URL of the loft");

        ApiClient.Response created = api.post(tenant.ownerToken(), channels,
                "{\"name\": \"birds\", \"kind\": \"pigeon\", \"config\": {\"url\": \"" + loft.url("/loft/T0k3n42xyz") + "\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("kind").asString()).isEqualTo("pigeon");
        assertThat(created.json().path("config").path("url").asString()).as("a URL setting is a secret, masked")
                .doesNotContain("T0k3n42xyz");
        String id = created.json().path("id").asString();

        ApiClient.Response test = api.post(tenant.ownerToken(), channels + id + "/test/", "{}");
        assertThat(test.json().path("status").asString()).as(test.toString()).isEqualTo("delivered");
        assertThat(loft.only().json().path("note").asString()).startsWith("Test: Bugmaster can reach channel");

        Notification alert = Notification.of(UUID.randomUUID().toString(), Notification.Kind.ALERT, "monitor:3", "monitor.missed",
                        tenant.org().slug(), "Nightly backup did not check in")
                .withFields(List.of(new Notification.Field("Expected", "02:00 UTC")))
                .opening("http://localhost:8080/monitors/3")
                .withReason("Missed check-in", null, clock.instant());
        assertThat(queue.enqueue(tenant.org().id(), Recipient.channel(Long.parseLong(id)), alert)).isTrue();
        engine.runOnce();
        assertThat(loft.requests()).hasSize(2);
        var sent = loft.requests().get(1).json();
        assertThat(sent.path("note").asString()).isEqualTo("Missed check-in: Nightly backup did not check in");
        assertThat(sent.path("facts").path("Expected").asString()).isEqualTo("02:00 UTC");
        assertThat(sent.path("actions").get(0).path("open").asString()).isEqualTo("http://localhost:8080/monitors/3");
    }

    @Test
    void theChannelsPageOffersItWithItsSettings() {
        User user = newUser("pigeon-page-password");
        Organization org = organizations.create(Actor.session(user.id(), user.email()), "Lofts", unique("lofts"));
        WebClient web = new WebClient(baseUrl());
        web.login(user.email(), "pigeon-page-password");
        String html = web.get("/orgs/" + org.slug() + "/settings/notifications").body();
        assertThat(html).contains("New Carrier pigeon channel").contains("Give the URL of the loft.").contains("Loft URL")
                .contains("name=\"kind\" value=\"pigeon\"");
        assertThat(html.indexOf("New Email channel")).as("listed after the built-in kinds").isLessThan(html.indexOf("New Carrier pigeon"));
    }
}
