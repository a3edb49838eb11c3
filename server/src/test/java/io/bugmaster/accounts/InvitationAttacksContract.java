package io.bugmaster.accounts;

import static io.bugmaster.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Invitations under attack, over HTTP (the REST API and the web forms): no organization's admin
 * gains access to another organization through an invitation, whether by claiming an address
 * through their own link before anyone else invites it (issue 8, finding 3) or by using their own
 * link on an address that already has an account (the symmetric attack). Links stop working when
 * what they grant is withdrawn.
 */
abstract class InvitationAttacksContract extends IntegrationTest {
    private static final Pattern INVITE_LINK = Pattern.compile("<code id=\"invite-link\">[^<]*(/accept/[0-9a-f]+)</code>");

    /** An organization's owner, who can log in to the web UI. */
    record Admin(User user, Organization org, String password, String token) {
        String slug() {
            return org.slug();
        }
    }

    Admin admin(String name) {
        String password = "password-" + UUID.randomUUID();
        User user = newUser(password);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, name, unique(name.toLowerCase()));
        return new Admin(user, org, password, token(actor, List.copyOf(Scopes.ALL)));
    }

    ApiClient api() {
        return new ApiClient(baseUrl());
    }

    WebClient loggedIn(String email, String password) {
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(email, password))).as("login of " + email).endsWith("/");
        return web;
    }

    /** Invites through the REST API; returns the path of the invitation link. */
    String inviteByApi(Admin admin, String email) {
        var invited = api().post(admin.token(), "/api/0/organizations/" + admin.slug() + "/members/", json("email", email));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().path("pending").asBoolean()).isTrue();
        assertThat(invited.json().path("user").isNull()).isTrue();
        String link = invited.json().path("inviteLink").asString();
        return link.substring(link.indexOf("/accept/"));
    }

    /** Invites through the members page's form; returns the path of the invitation link it shows. */
    String inviteByForm(WebClient adminWeb, Admin admin, String email) {
        String members = "/orgs/" + admin.slug() + "/members";
        HttpResponse<String> invited = adminWeb.post(members, members, Map.of("email", email, "role", "member"));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(302);
        Matcher link = INVITE_LINK.matcher(adminWeb.get(members).body());
        assertThat(link.find()).as("the members page shows the link once").isTrue();
        return link.group(1);
    }

    /** Creates an account through an invitation link's form, as whoever holds the link. */
    HttpResponse<String> createAccountThrough(String linkPath, String name, String password) {
        WebClient web = new WebClient(baseUrl());
        return web.post("/login", linkPath, Map.of("name", name, "password", password));
    }

    List<String> organizationsOf(String token) {
        List<String> slugs = new ArrayList<>();
        api().get(token, "/api/0/organizations/").json().forEach(org -> slugs.add(org.path("slug").asString()));
        return slugs;
    }

    boolean canLogIn(String email, String password) {
        return WebClient.location(new WebClient(baseUrl()).login(email, password)).endsWith("/");
    }

    Member memberOf(Admin admin, String email) {
        return organizations.listMembers(Actor.session(admin.user().id(), admin.user().email()), admin.slug(), 0, 100).items()
                .stream().filter(m -> m.email().equals(email)).findFirst().orElseThrow();
    }

    @Test
    void anAdminWhoClaimedAnAddressThroughTheirOwnLinkGetsNothingWhenAnotherOrganizationInvitesIt() {
        Admin bob = admin("Bravo");
        Admin alice = admin("Alpha");
        String dave = unique("dave") + "@example.com";

        // Bob invites Dave to B and opens the link himself, choosing Dave's password.
        String bobsLink = inviteByApi(bob, dave);
        HttpResponse<String> claimed = createAccountThrough(bobsLink, "Dave", "bobs-password-for-dave");
        assertThat(WebClient.location(claimed)).endsWith("/login");
        WebClient bobAsDave = loggedIn(dave, "bobs-password-for-dave");
        User daveAccount = users.findByEmail(dave).orElseThrow();
        String bobsDaveToken = token(Actor.session(daveAccount.id(), dave), List.copyOf(Scopes.ALL));

        // A invites the same address, through the form and through the API.
        WebClient aliceWeb = loggedIn(alice.user().email(), alice.password());
        String alicesLink = inviteByForm(aliceWeb, alice, dave);
        assertThat(memberOf(alice, dave).pending()).as("an invitation, not a membership").isTrue();
        var apiView = api().get(alice.token(), "/api/0/organizations/" + alice.slug() + "/members/" + memberOf(alice, dave).id() + "/");
        assertThat(apiView.json().path("pending").asBoolean()).isTrue();

        // Bob, as Dave, reaches nothing of A: not through the API, not through the pages.
        assertThat(organizationsOf(bobsDaveToken)).containsExactly(bob.slug());
        assertThat(api().get(bobsDaveToken, "/api/0/organizations/" + alice.slug() + "/").status()).isEqualTo(404);
        assertThat(api().get(bobsDaveToken, "/api/0/organizations/" + alice.slug() + "/issues/").status()).isEqualTo(404);
        assertThat(api().get(bobsDaveToken, "/api/0/organizations/" + alice.slug() + "/projects/").status()).isEqualTo(404);
        assertThat(bobAsDave.get("/orgs/" + alice.slug() + "/issues").statusCode()).isEqualTo(404);
        assertThat(bobAsDave.get("/orgs/" + alice.slug() + "/projects").statusCode()).isEqualTo(404);
        // ... and cannot accept A's invitation without A's link, which he never saw.
        HttpResponse<String> guess = bobAsDave.post("/orgs/" + bob.slug() + "/projects", "/accept/" + "0".repeat(64) + "/join", Map.of());
        assertThat(guess.statusCode()).isEqualTo(404);
        HttpResponse<String> oldLink = bobAsDave.post("/orgs/" + bob.slug() + "/projects", bobsLink + "/join", Map.of());
        assertThat(oldLink.statusCode()).as("his own, used link").isEqualTo(404);
        assertThat(memberOf(alice, dave).pending()).isTrue();

        // A's link, in the real Dave's hands, cannot reset the password Bob chose either: it asks for a login.
        HttpResponse<String> page = new WebClient(baseUrl()).get(alicesLink);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("already has a Bugmaster account", "Log in as " + dave).doesNotContain("name=\"password\"");
        assertThat(createAccountThrough(alicesLink, "Dave", "a-new-password-for-dave").statusCode()).isEqualTo(409);
        assertThat(canLogIn(dave, "a-new-password-for-dave")).isFalse();
        assertThat(memberOf(alice, dave).pending()).isTrue();
    }

    @Test
    void anAdminCannotUseTheirOwnLinkToTakeOverAnExistingAccountAndReachItsOrganizations() {
        Admin bob = admin("Bravo");
        Admin alice = admin("Alpha");
        String dave = unique("dave") + "@example.com";
        String bobsLink = inviteByApi(bob, dave);
        createAccountThrough(bobsLink, "Dave", "daves-own-password");
        assertThat(memberOf(bob, dave).pending()).isFalse();

        // Alice invites Dave to A and keeps the link to herself.
        WebClient aliceWeb = loggedIn(alice.user().email(), alice.password());
        String alicesLink = inviteByForm(aliceWeb, alice, dave);

        // Logged out, the link only asks to log in as Dave: it cannot set Dave's password.
        WebClient anonymous = new WebClient(baseUrl());
        assertThat(anonymous.get(alicesLink).body()).contains("Log in as " + dave);
        HttpResponse<String> takeover = createAccountThrough(alicesLink, "Not Dave", "alices-password-for-dave");
        assertThat(takeover.statusCode()).isEqualTo(409);
        assertThat(canLogIn(dave, "alices-password-for-dave")).isFalse();
        assertThat(canLogIn(dave, "daves-own-password")).isTrue();
        assertThat(users.findByEmail(dave).orElseThrow().name()).isEqualTo("Dave");

        // Logged in as herself, the link does not let her join as Dave, nor join B.
        HttpResponse<String> asAlice = aliceWeb.get(alicesLink);
        assertThat(asAlice.body()).contains("You are logged in as", alice.user().email()).doesNotContain("/join");
        HttpResponse<String> join = aliceWeb.post(alicesLink, alicesLink + "/join", Map.of());
        assertThat(join.statusCode()).isEqualTo(403);
        assertThat(memberOf(alice, dave).pending()).isTrue();
        assertThat(organizationsOf(alice.token())).containsExactly(alice.slug());
        assertThat(aliceWeb.get("/orgs/" + bob.slug() + "/projects").statusCode()).isEqualTo(404);

        // Dave accepts by logging in: "log in" comes back to the invitation, then he joins.
        WebClient daveWeb = new WebClient(baseUrl());
        assertThat(WebClient.location(daveWeb.get(alicesLink + "/login"))).endsWith("/login");
        String back = WebClient.location(daveWeb.login(dave, "daves-own-password"));
        assertThat(back).contains(alicesLink + "/login");
        assertThat(WebClient.location(daveWeb.get(back.substring(back.indexOf("/accept/"))))).endsWith(alicesLink);
        assertThat(daveWeb.get(alicesLink).body()).contains("Join Alpha");
        HttpResponse<String> joined = daveWeb.post(alicesLink, alicesLink + "/join", Map.of());
        assertThat(WebClient.location(joined)).endsWith("/orgs/" + alice.slug() + "/projects");
        assertThat(memberOf(alice, dave).pending()).isFalse();
        assertThat(daveWeb.get("/orgs/" + alice.slug() + "/projects").statusCode()).isEqualTo(200);
        assertThat(organizationsOf(alice.token())).as("Alice still has only A").containsExactly(alice.slug());
        assertThat(daveWeb.get(alicesLink).statusCode()).as("used").isEqualTo(404);
    }

    @Test
    void creatingTheAccountThroughOnesOwnLinkDoesNotAcceptAnotherOrganizationsPendingInvitation() {
        Admin bob = admin("Bravo");
        Admin alice = admin("Alpha");
        String dave = unique("dave") + "@example.com";
        String bobsLink = inviteByApi(bob, dave);   // sent to Dave, not used yet
        String alicesLink = inviteByApi(alice, dave);

        assertThat(WebClient.location(createAccountThrough(alicesLink, "Dave?", "alices-password-for-dave"))).endsWith("/login");
        User claimed = users.findByEmail(dave).orElseThrow();
        String aliceAsDave = token(Actor.session(claimed.id(), dave), List.copyOf(Scopes.ALL));
        assertThat(organizationsOf(aliceAsDave)).containsExactly(alice.slug());
        assertThat(api().get(aliceAsDave, "/api/0/organizations/" + bob.slug() + "/").status()).isEqualTo(404);
        assertThat(memberOf(bob, dave).pending()).as("B's invitation is still waiting for Dave").isTrue();
        assertThat(new WebClient(baseUrl()).get(bobsLink).body()).contains("Log in as " + dave);
    }

    @Test
    void aWithdrawnInvitationsLinkNoLongerWorks() {
        Admin alice = admin("Alpha");
        WebClient aliceWeb = loggedIn(alice.user().email(), alice.password());
        String members = "/orgs/" + alice.slug() + "/members";

        String byForm = unique("form") + "@example.com";
        String formLink = inviteByForm(aliceWeb, alice, byForm);
        HttpResponse<String> withdrawn = aliceWeb.post(members, members + "/" + memberOf(alice, byForm).id() + "/remove", Map.of());
        assertThat(WebClient.location(withdrawn)).endsWith(members);
        assertThat(aliceWeb.get(members).body()).contains("Invitation for " + byForm + " withdrawn");
        assertThat(new WebClient(baseUrl()).get(formLink).statusCode()).isEqualTo(404);
        assertThat(createAccountThrough(formLink, "Late", "a-late-password").statusCode()).isEqualTo(404);
        assertThat(users.findByEmail(byForm)).isEmpty();

        String byApi = unique("api") + "@example.com";
        String apiLink = inviteByApi(alice, byApi);
        assertThat(api().delete(alice.token(), "/api/0/organizations/" + alice.slug() + "/members/" + memberOf(alice, byApi).id() + "/")
                .status()).isEqualTo(204);
        assertThat(createAccountThrough(apiLink, "Late", "a-late-password").statusCode()).isEqualTo(404);
        assertThat(users.findByEmail(byApi)).isEmpty();
    }

    @Test
    void anInvitationLastsNoLongerThanItsSendersRightToInvite() {
        Admin owner = admin("Alpha");
        User rogue = newUser("rogue-password");
        join(Actor.session(owner.user().id(), owner.user().email()), owner.slug(), rogue, Role.ADMIN);
        String rogueToken = token(Actor.session(rogue.id(), rogue.email()), List.copyOf(Scopes.ALL));
        Admin asRogue = new Admin(rogue, owner.org(), "rogue-password", rogueToken);
        String backdoor = inviteByApi(asRogue, unique("alt") + "@example.com");
        String another = inviteByApi(asRogue, unique("alt2") + "@example.com");
        String ownersOwn = inviteByApi(owner, unique("kept") + "@example.com");

        String members = "/api/0/organizations/" + owner.slug() + "/members/";
        String rogueId = String.valueOf(memberOf(owner, rogue.email()).id());
        assertThat(api().put(owner.token(), members + rogueId + "/", json("role", "member")).status()).isEqualTo(200);
        assertThat(new WebClient(baseUrl()).get(backdoor).statusCode()).as("demoted below member:write").isEqualTo(404);

        assertThat(api().put(owner.token(), members + rogueId + "/", json("role", "admin")).status()).isEqualTo(200);
        String afterPromotion = inviteByApi(asRogue, unique("alt3") + "@example.com");
        assertThat(api().delete(owner.token(), members + rogueId + "/").status()).isEqualTo(204);
        assertThat(new WebClient(baseUrl()).get(afterPromotion).statusCode()).as("removed").isEqualTo(404);
        assertThat(new WebClient(baseUrl()).get(another).statusCode()).isEqualTo(404);
        assertThat(new WebClient(baseUrl()).get(ownersOwn).statusCode()).as("others' invitations stay").isEqualTo(200);
    }

    @Test
    void aRemovedMembersTokensAndSessionsNoLongerReachTheOrganization() {
        Admin owner = admin("Alpha");
        User member = newUser("member-password");
        join(Actor.session(owner.user().id(), owner.user().email()), owner.slug(), member, Role.MEMBER);
        String memberToken = token(Actor.session(member.id(), member.email()), List.copyOf(Scopes.ALL));
        WebClient memberWeb = loggedIn(member.email(), "member-password");
        assertThat(api().get(memberToken, "/api/0/organizations/" + owner.slug() + "/").status()).isEqualTo(200);
        assertThat(memberWeb.get("/orgs/" + owner.slug() + "/projects").statusCode()).isEqualTo(200);

        organizations.removeMember(Actor.session(owner.user().id(), owner.user().email()), owner.slug(),
                String.valueOf(memberOf(owner, member.email()).id()));

        assertThat(api().get(memberToken, "/api/0/organizations/" + owner.slug() + "/").status()).isEqualTo(404);
        assertThat(api().get(memberToken, "/api/0/organizations/" + owner.slug() + "/issues/").status()).isEqualTo(404);
        assertThat(memberWeb.get("/orgs/" + owner.slug() + "/projects").statusCode()).isEqualTo(404);
    }

    @Test
    void anInvitationLinkExpiresAfterSevenDays() {
        Admin alice = admin("Alpha");
        String link = inviteByApi(alice, unique("slow") + "@example.com");
        clock.advance(java.time.Duration.ofDays(7));
        assertThat(new WebClient(baseUrl()).get(link).statusCode()).isEqualTo(404);
        assertThat(createAccountThrough(link, "Slow", "a-slow-password").statusCode()).isEqualTo(404);
    }
}
