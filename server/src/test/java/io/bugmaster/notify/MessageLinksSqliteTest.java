package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every link Bugmaster sends opens a page: each kind of message (issue alert, storm digest, test,
 * workflow email, weekly report) goes out through each transport to real receivers on this machine
 * (HTTP receivers, PagerDuty's events endpoint, GreenMail), every address on Bugmaster's base URL
 * is taken from what they received and opened with a logged-in session on this server: 200. The
 * same for the addresses in API answers. The base URL in tests is http://localhost:8080; the links
 * are opened on this test server's port.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@TestPropertySource(properties = {"bugmaster.weekly-report=MON 08:00", "bugmaster.notify-storm-limit=1"})
class MessageLinksSqliteTest extends IntegrationTest {
    static final String BASE = "http://localhost:8080";
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "[^\\s\"'<>|)\\]\\\\]*");
    static final String PASSWORD = "message-links-password";
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final Receiver PAGERDUTY = new Receiver();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
        registry.add("bugmaster.pagerduty-events-url", () -> PAGERDUTY.url("/v2/enqueue"));
    }

    @AfterAll
    static void stopReceivers() {
        MAIL.stop();
        PAGERDUTY.close();
    }

    @Autowired ChannelService channels;
    @Autowired ProjectService projects;
    @Autowired NotificationQueueStore queueStore;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    Receiver chat;
    User owner;
    Actor ownerActor;
    String ownerToken;
    Organization org;
    long projectId;
    ProjectKey key;
    WebClient web;
    /** Channel id to its transport's name. */
    final Map<Long, String> transportOf = new LinkedHashMap<>();
    int chatSeen;
    int pagerdutySeen;
    /** Mails already looked at, by Message-ID: GreenMail lists received mail by mailbox, not in the order it came. */
    final Set<String> mailSeen = new java.util.HashSet<>();
    String oncall;

    @BeforeEach
    void setUp() {
        // after the last weekly report's day, before the next one (Monday 08:00 UTC), at the start of a minute
        Instant monday8 = ZonedDateTime.ofInstant(clock.instant().plus(Duration.ofDays(1)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS).withHour(8).toInstant();
        clock.set(monday8.minus(Duration.ofHours(1)));
        engine.runOnce();

        chat = new Receiver();
        owner = newUser(PASSWORD);
        ownerActor = Actor.session(owner.id(), owner.email());
        ownerToken = token(ownerActor, List.copyOf(Scopes.ALL));
        org = organizations.create(ownerActor, "Shop", unique("shop"));
        organizations.createTeam(ownerActor, org.slug(), "Payments", "payments");
        String slug = unique("web");
        projectId = projects.create(ownerActor, org.slug(), "payments", "Web shop", slug, "javascript").project().id();
        key = projects.listKeys(ownerActor, org.slug(), slug).get(0);
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(owner.email(), PASSWORD))).endsWith("/");

        channel("slack", Map.of("url", chat.url("/slack/services/T1/B1/X")));
        channel("mattermost", Map.of("url", chat.url("/mattermost/hooks/abc")));
        channel("discord", Map.of("url", chat.url("/discord/api/webhooks/1/token")));
        channel("teams", Map.of("url", chat.url("/teams/workflow")));
        channel("webhook", Map.of("url", chat.url("/webhook/hook")));
        channel("pagerduty", Map.of("routing_key", "R0123456789abcdef0123456789abcde"));
        oncall = unique("oncall") + "@example.com";
        channel("email", Map.of("to", oncall));
        chatSeen = 0;
        pagerdutySeen = PAGERDUTY.requests().size();
        java.util.Arrays.stream(MAIL.getReceivedMessages()).forEach(m -> mailSeen.add(messageId(m)));
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    void channel(String kind, Map<String, Object> config) {
        Channel c = channels.create(ownerActor, org.slug(), new ChannelService.NewChannel(kind + " channel", kind, config));
        assertThat(channels.warnings(c)).as("SMTP is set up here: nothing keeps the %s channel from sending", kind).isEmpty();
        transportOf.put(c.id(), kind);
    }

    @Override
    protected String invitationLinkSentTo(String email) {
        return Mailboxes.invitationLinkSentTo(MAIL, email);
    }

    @Test
    void everyLinkOfEveryKindOfMessageThroughEveryTransportOpensAPage() {
        ApiClient api = new ApiClient(baseUrl());
        StringBuilder actions = new StringBuilder();
        transportOf.keySet().forEach(id -> actions.append("{\"id\": \"notify_channel\", \"channel\": \"").append(id).append("\"}, "));
        ApiClient.Response rule = api.post(ownerToken, "/api/0/organizations/" + org.slug() + "/alert-rules/", """
                {"name": "Every new issue", "scope": {"type": "organization"}, "conditions": [{"id": "first_seen_event"}],
                 "actions": [%s{"id": "notify_email", "targetType": "Member", "targetIdentifier": "%s"}], "frequency": 5}"""
                .formatted(actions, owner.email()));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);

        Map<String, Map<String, Set<String>>> linksByKind = new LinkedHashMap<>();

        // an issue alert to every channel and to a member's address
        long issueId = ingest("TypeError: cart is undefined");
        drain();
        linksByKind.put("issue alert", received());

        // a second issue in the same minute is folded (storm limit 1): each channel gets a digest when the minute ends
        ingest("RangeError: quantity out of range");
        drain();
        clock.advance(Duration.ofSeconds(61));
        drain();
        linksByKind.put("storm digest", received());

        // the test button of each channel
        transportOf.keySet().forEach(id -> assertThat(channels.test(ownerActor, org.slug(), Long.toString(id)).delivery().status())
                .isEqualTo(DeliveryStatus.DELIVERED));
        linksByKind.put("test", received());

        // a comment on an issue the owner follows: a workflow email, then the same message through every channel
        User member = newUser("member-" + UUID.randomUUID());
        join(ownerActor, org.slug(), member, Role.MEMBER, "payments");
        String memberToken = token(Actor.session(member.id(), member.email()), List.copyOf(Scopes.ALL));
        assertThat(api.post(ownerToken, "/api/0/issues/" + issueId + "/comments/", "{\"text\": \"Looking\"}").status()).isEqualTo(201);
        assertThat(api.post(memberToken, "/api/0/issues/" + issueId + "/comments/", "{\"text\": \"Fixed in #12\"}").status())
                .isEqualTo(201);
        drain();
        throughEveryChannel("workflow:%");
        linksByKind.put("workflow", received());

        // the weekly report at Monday 08:00, then the same message through every channel
        clock.advance(Duration.ofHours(1));
        drain();
        throughEveryChannel("report:%");
        linksByKind.put("weekly report", received());

        // the issue resolved: every channel the alert reached is told (PagerDuty's resolve carries no link)
        ApiClient.Response resolved = api.put(ownerToken, "/api/0/issues/" + issueId + "/", "{\"status\": \"resolved\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        drain();
        linksByKind.put("resolved", received());

        // the alert's "Resolve" and "Ignore for 1h" links reach every transport but PagerDuty, which gets the issue's page only
        linksByKind.get("issue alert").forEach((transport, links) -> assertThat(links.stream().filter(l -> l.contains("/actions/")))
                .as("action links sent by %s", transport).hasSizeBetween("pagerduty".equals(transport) ? 0 : 2,
                        "pagerduty".equals(transport) ? 0 : 4));
        Set<String> all = new LinkedHashSet<>();
        linksByKind.forEach((kind, byTransport) -> {
            // PagerDuty never carries a workflow message or a weekly report, and its resolve is only the dedup key
            List<String> transports = List.of("workflow", "weekly report", "resolved").contains(kind)
                    ? List.of("slack", "mattermost", "discord", "teams", "webhook", "email")
                    : List.of("slack", "mattermost", "discord", "teams", "webhook", "pagerduty", "email");
            assertThat(byTransport.keySet()).as("transports that sent a %s with a link to Bugmaster", kind).containsAll(transports);
            byTransport.values().forEach(all::addAll);
        });
        assertThat(all).anyMatch(l -> l.endsWith("/issues/" + issueId)).anyMatch(l -> l.contains("/settings/notifications/"));
        for (String link : all) {
            HttpResponse<String> page = web.get(link.substring(BASE.length()));
            assertThat(page.statusCode()).as("GET %s: %s", link, page.body()).isEqualTo(200);
        }
        // opening an action link shows its page and acts on nothing (the issue was resolved by the API above, then opened)
        assertThat(db.sql("SELECT COUNT(*) FROM action_link_uses WHERE org_id = ?").param(org.id()).query(Long.class).single()).isZero();
    }

    @Test
    void everyLinkInApiAnswersOpens() {
        ApiClient api = new ApiClient(baseUrl());
        long first = ingest("TypeError: cart is undefined");
        ingest("RangeError: quantity out of range");
        List<String> pages = new ArrayList<>();
        List<String> apiLinks = new ArrayList<>();

        ApiClient.Response list = api.get(ownerToken, "/api/0/organizations/" + org.slug() + "/issues/?query=&per_page=1");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        list.json().forEach(i -> pages.add(i.path("permalink").asString()));
        apiLinks.addAll(linkHeader(list.header("Link")));
        ApiClient.Response one = api.get(ownerToken, "/api/0/issues/" + first + "/");
        pages.add(one.json().path("permalink").asString());
        ApiClient.Response updated = api.put(ownerToken, "/api/0/organizations/" + org.slug() + "/issues/" + first + "/",
                "{\"isBookmarked\": true}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        pages.add(updated.json().path("permalink").asString());
        ApiClient.Response invited = api.post(ownerToken, "/api/0/organizations/" + org.slug() + "/members/",
                ApiClient.json("email", unique("new") + "@example.com", "orgRole", "member"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        // with SMTP set up the link goes only to the invited address
        String invite = Mailboxes.invitationLinkSentTo(MAIL, invited.json().path("email").asString());

        assertThat(pages).hasSize(3).allMatch(p -> p.startsWith(BASE + "/"));
        for (String link : pages) {
            assertThat(web.get(link.substring(BASE.length())).statusCode()).as("GET %s", link).isEqualTo(200);
        }
        assertThat(apiLinks).isNotEmpty();
        for (String link : apiLinks) {
            assertThat(api.get(ownerToken, link.substring(BASE.length())).status()).as("GET %s", link).isEqualTo(200);
        }
        // an invitation is opened by someone who has no session yet
        assertThat(new WebClient(baseUrl()).get(invite.substring(BASE.length())).statusCode()).as("GET %s", invite).isEqualTo(200);
    }

    @Test
    void linksSentBeforeEndedInASlashAndStillLeadToTheirPage() {
        long issueId = ingest("TypeError: cart is undefined");
        String page = "/orgs/" + org.slug() + "/issues/" + issueId;
        HttpResponse<String> old = web.get(page + "/");
        assertThat(old.statusCode()).isEqualTo(301);
        assertThat(WebClient.location(old)).isEqualTo(page);
        assertThat(web.get(WebClient.location(old)).statusCode()).isEqualTo(200);
        assertThat(WebClient.location(web.get(page + "/?event=x"))).isEqualTo(page + "?event=x");
        assertThat(WebClient.location(web.get("/orgs/" + org.slug() + "/issues/"))).isEqualTo("/orgs/" + org.slug() + "/issues");
        // the API keeps Sentry's trailing slashes, and nothing else is redirected
        ApiClient api = new ApiClient(baseUrl());
        assertThat(api.get(ownerToken, "/api/0/issues/" + issueId + "/").status()).isEqualTo(200);
        assertThat(web.get("//evil.example.com/").headers().firstValue("Location").orElse("")).doesNotStartWith("//evil");
    }

    /** The addresses of a Link header whose pages have results. */
    static List<String> linkHeader(String header) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"\\w+\"; results=\"true\"").matcher(header);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    long ingest(String message) {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"error","environment":"production","release":"shop@1.4.2",
                 "fingerprint":["%s"],"message":"%s"}""".formatted(UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID(),
                message);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT id FROM issues WHERE project_id = ? AND title LIKE ? ORDER BY id DESC LIMIT 1")
                .params(projectId, message + "%").query(Long.class).single();
    }

    /** Runs the engine until nothing due is left. */
    void drain() {
        for (int i = 0; i < 50; i++) {
            engine.runOnce();
            if (queueStore.dueIds(clock.instant(), 1).isEmpty()) {
                return;
            }
        }
    }

    /** Sends the queued notifications whose keys match through every channel, as the delivery worker would. */
    void throughEveryChannel(String keyPattern) {
        List<String> queued = db.sql("SELECT notification FROM notification_queue WHERE org_id = ? AND idempotency_key LIKE ? ORDER BY id")
                .params(org.id(), keyPattern).query(String.class).list();
        assertThat(queued).as("queued %s", keyPattern).isNotEmpty();
        Notification n = NotificationQueueStore.fromJson(queued.get(0));
        for (long id : transportOf.keySet()) {
            ChannelService.Attempt attempt = channels.deliver(channels.channel(id).orElseThrow(), n, 1);
            assertThat(attempt.delivery().status()).as(attempt.detail())
                    .isEqualTo("pagerduty".equals(transportOf.get(id)) ? DeliveryStatus.SKIPPED : DeliveryStatus.DELIVERED);
        }
    }

    /** The Bugmaster links in what every receiver got since the last call, by transport. */
    Map<String, Set<String>> received() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        List<Receiver.Request> requests = chat.requests();
        for (Receiver.Request r : requests.subList(chatSeen, requests.size())) {
            String transport = r.path().substring(1, r.path().indexOf('/', 1));
            out.computeIfAbsent(transport, k -> new LinkedHashSet<>()).addAll(links(r.body()));
        }
        chatSeen = requests.size();
        List<Receiver.Request> paged = PAGERDUTY.requests();
        for (Receiver.Request r : paged.subList(pagerdutySeen, paged.size())) {
            out.computeIfAbsent("pagerduty", k -> new LinkedHashSet<>()).addAll(links(r.body()));
        }
        pagerdutySeen = paged.size();
        for (MimeMessage mail : MAIL.getReceivedMessages()) {
            // other tests' organizations get weekly reports too
            if (mailSeen.add(messageId(mail))
                    && to(mail).stream().anyMatch(a -> a.equalsIgnoreCase(owner.email()) || a.equalsIgnoreCase(oncall))) {
                out.computeIfAbsent("email", k -> new LinkedHashSet<>()).addAll(links(text(mail)));
            }
        }
        out.values().removeIf(Set::isEmpty);
        return out;
    }

    static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> to(MimeMessage mail) {
        try {
            return java.util.Arrays.stream(mail.getAllRecipients()).map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
                    .toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> links(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll("[.,;:]+$", ""));
        }
        return out;
    }

    /** Every text part of a message, decoded (links in quoted-printable bodies are split otherwise). */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/*")) {
                return (String) part.getContent();
            }
            StringBuilder out = new StringBuilder();
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    out.append(text(multipart.getBodyPart(i))).append('\n');
                }
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
