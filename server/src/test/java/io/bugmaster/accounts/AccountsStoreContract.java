package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.storage.Transactions;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The storage contract of the accounts stores, written once and run against every database
 * (Zipkin's habit): what each store promises, including the edge cases the SQL dialects could
 * disagree on (conflicts, NULLs, booleans, cascades, conditional updates).
 */
abstract class AccountsStoreContract extends IntegrationTest {
    @Autowired OrganizationStore orgStore;
    @Autowired MemberStore memberStore;
    @Autowired TeamStore teamStore;
    @Autowired ProjectStore projectStore;
    @Autowired ProjectKeyStore keyStore;
    @Autowired ApiTokenStore tokenStore;
    @Autowired OneTimeLinkStore linkStore;
    @Autowired Transactions tx;
    @Autowired Directory directory;

    Instant now() {
        return clock.instant();
    }

    @Test
    void organizationSlugsAreUniqueAndInsertReportsTheConflict() {
        String slug = unique("org");
        Organization org = orgStore.insert(slug, "First", now()).orElseThrow();
        assertThat(orgStore.insert(slug, "Second", now())).isEmpty();
        assertThat(orgStore.findBySlug(slug)).contains(org);
        assertThat(orgStore.findById(org.id()).orElseThrow().name()).isEqualTo("First");
        Organization other = orgStore.insert(unique("org"), "Other", now()).orElseThrow();
        assertThat(orgStore.update(other.id(), slug, "Other")).isFalse();
        assertThat(orgStore.update(other.id(), other.slug(), "Renamed")).isTrue();
        assertThat(orgStore.findById(other.id()).orElseThrow().name()).isEqualTo("Renamed");
    }

    @Test
    void timesRoundTripToTheMillisecond() {
        Instant precise = Instant.parse("2026-03-29T01:30:00.123456789Z");
        Organization org = orgStore.insert(unique("org"), "Times", precise).orElseThrow();
        assertThat(orgStore.findById(org.id()).orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00.123Z"));
        assertThat(org.createdAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00.123Z"));
    }

    @Test
    void usersAreFoundByNormalizedEmailAndPasswordlessUsersCannotLogIn() {
        String email = unique("u") + "@example.com";
        User invited = users.insert(email, "Invited", null, false, now()).orElseThrow();
        assertThat(invited.hasPassword()).isFalse();
        assertThat(invited.superuser()).isFalse();
        assertThat(invited.active()).isTrue();
        assertThat(users.insert(email, "Again", "hash", false, now())).isEmpty();
        assertThat(users.passwordHash(email)).isEmpty();
        users.setPassword(invited.id(), "{noop}x");
        assertThat(users.passwordHash(email)).contains("{noop}x");
        assertThat(users.findByEmail(email).orElseThrow().hasPassword()).isTrue();
        users.recordLogin(invited.id(), now());
        assertThat(users.findById(invited.id()).orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void membershipsTeamsAndProjectsHangTogetherAndCascade() {
        Organization org = orgStore.insert(unique("org"), "Cascade", now()).orElseThrow();
        User user = newUser("password-1");
        long memberId = memberStore.insert(org.id(), user.id(), Role.ADMIN, now()).orElseThrow();
        assertThat(memberStore.insert(org.id(), user.id(), Role.VIEWER, now())).isEmpty();
        Member member = memberStore.find(org.id(), user.id()).orElseThrow();
        assertThat(member.role()).isEqualTo(Role.ADMIN);
        assertThat(member.pending()).isFalse();
        assertThat(memberStore.countOwners(org.id())).isZero();

        Team team = teamStore.insert(org.id(), "backend", "Backend", now()).orElseThrow();
        assertThat(teamStore.insert(org.id(), "backend", "Again", now())).isEmpty();
        teamStore.addMember(team.id(), memberId);
        teamStore.addMember(team.id(), memberId);
        assertThat(teamStore.findById(org.id(), team.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(teamStore.teamIdsOfMember(memberId)).containsExactly(team.id());

        Project project = projectStore.insert(org.id(), "api", "API", "java", now()).orElseThrow();
        assertThat(projectStore.insert(org.id(), "api", "Again", null, now())).isEmpty();
        projectStore.addTeam(project.id(), team.id());
        assertThat(teamStore.listForProject(project.id())).extracting(Team::slug).containsExactly("backend");
        assertThat(projectStore.listForTeam(team.id())).extracting(Project::slug).containsExactly("api");
        Project lonely = projectStore.insert(org.id(), "lonely", "Lonely", null, now()).orElseThrow();
        Team second = teamStore.insert(org.id(), "another", "Another", now()).orElseThrow();
        projectStore.addTeam(project.id(), second.id());
        var byProject = teamStore.listForProjects(List.of(project.id(), lonely.id()));
        assertThat(byProject.get(project.id())).extracting(Team::slug).containsExactly("another", "backend");
        assertThat(byProject).doesNotContainKey(lonely.id());
        assertThat(teamStore.listForProjects(List.of())).isEmpty();
        teamStore.addMember(second.id(), memberId);
        assertThat(teamStore.teamSlugsOfMember(memberId)).containsExactly("another", "backend");
        projectStore.removeTeam(project.id(), second.id());
        tx.write(() -> teamStore.delete(second.id()));
        ProjectKey key = keyStore.insert(project.id(), "Default", unique("k").replace("-", ""), null, null, now());

        // another organization may use the same slugs
        Organization other = orgStore.insert(unique("org"), "Other", now()).orElseThrow();
        assertThat(teamStore.insert(other.id(), "backend", "Backend", now())).isPresent();
        assertThat(projectStore.insert(other.id(), "api", "API", null, now())).isPresent();

        tx.write(() -> teamStore.delete(team.id()));
        assertThat(teamStore.listForProject(project.id())).isEmpty();
        assertThat(teamStore.teamIdsOfMember(memberId)).isEmpty();
        tx.write(() -> projectStore.delete(project.id()));
        assertThat(keyStore.findByPublicKey(key.publicKey())).isEmpty();
        assertThat(memberStore.findById(org.id(), memberId)).isPresent();
    }

    /** What other features read of accounts through the Directory: batched, and scoped to one organization. */
    @Test
    void theDirectoryAnswersOtherFeaturesForOneOrganizationAtATime() {
        Organization org = orgStore.insert(unique("org"), "Mine", now()).orElseThrow();
        Organization other = orgStore.insert(unique("org"), "Theirs", now()).orElseThrow();
        Project api = projectStore.insert(org.id(), "api", "API", "java", now()).orElseThrow();
        Project web = projectStore.insert(org.id(), "web", "Web", null, now()).orElseThrow();
        Project theirs = projectStore.insert(other.id(), "api", "Their API", null, now()).orElseThrow();
        User ana = newUser("password-1");
        User bo = newUser("password-2");
        long anaMember = memberStore.insert(org.id(), ana.id(), Role.MEMBER, now()).orElseThrow();
        memberStore.insert(other.id(), bo.id(), Role.MEMBER, now()).orElseThrow();
        Team backend = teamStore.insert(org.id(), "backend", "Backend", now()).orElseThrow();
        Team theirTeam = teamStore.insert(other.id(), "backend", "Backend", now()).orElseThrow();
        teamStore.addMember(backend.id(), anaMember);

        var projects = directory.projects(List.of(api.id(), web.id(), theirs.id(), -1L));
        assertThat(projects.keySet()).containsExactlyInAnyOrder(api.id(), web.id(), theirs.id());
        assertThat(projects.get(api.id())).isEqualTo(new Directory.ProjectInfo(api.id(), org.id(), org.slug(), "api", "API", "java"));
        assertThat(projects.get(theirs.id()).orgSlug()).isEqualTo(other.slug());
        assertThat(directory.projects(List.of())).isEmpty();
        assertThat(directory.project(org.id(), "web").orElseThrow().id()).isEqualTo(web.id());
        assertThat(directory.projectsOf(org.id())).extracting(Directory.ProjectInfo::slug).containsExactly("api", "web");
        assertThat(directory.projectIdsBySlug(org.id(), List.of("api", "nope"))).containsExactly(java.util.Map.entry("api", api.id()));

        assertThat(directory.joinedMember(org.id(), ana.id())).contains(new Directory.Person(ana.id(), ana.name(), ana.email()));
        assertThat(directory.joinedMember(org.id(), bo.id())).as("a member of another organization").isEmpty();
        assertThat(directory.joinedMemberByEmail(org.id(), ana.email().toUpperCase(java.util.Locale.ROOT))).isPresent();
        assertThat(directory.joinedMemberByEmail(org.id(), bo.email())).isEmpty();
        assertThat(directory.joinedMembers(org.id(), List.of(ana.id(), bo.id())).keySet()).containsExactly(ana.id());
        assertThat(directory.joinedMembers(org.id(), 10)).extracting(Directory.Person::id).containsExactly(ana.id());
        assertThat(directory.people(List.of(ana.id(), bo.id())).keySet()).as("names for any user id")
                .containsExactlyInAnyOrder(ana.id(), bo.id());

        assertThat(directory.team(org.id(), backend.id())).contains(new Directory.TeamName(backend.id(), "backend", "Backend"));
        assertThat(directory.team(org.id(), theirTeam.id())).isEmpty();
        assertThat(directory.teams(org.id(), 10)).extracting(Directory.TeamName::id).containsExactly(backend.id());
        assertThat(directory.teams(List.of(backend.id(), theirTeam.id())).keySet()).containsExactlyInAnyOrder(backend.id(), theirTeam.id());
        assertThat(directory.teamIdsOfUser(org.id(), ana.id())).containsExactly(backend.id());
        assertThat(directory.teamIdsOfUser(other.id(), ana.id())).isEmpty();
    }

    @Test
    void anInvitationIsAMemberWithoutAUserUntilItIsAcceptedOnceEvenWhenRaced() throws Exception {
        Organization org = orgStore.insert(unique("org"), "Invites", now()).orElseThrow();
        User inviter = newUser("password-inviter");
        memberStore.insert(org.id(), inviter.id(), Role.OWNER, now());
        String email = unique("inv") + "@example.com";
        String hash = "hash-" + unique("t");
        long id = memberStore.insertInvitation(org.id(), email, Role.OWNER, hash, inviter.id(), now(), now().plus(Duration.ofDays(7)))
                .orElseThrow();
        assertThat(memberStore.insertInvitation(org.id(), email, Role.MEMBER, "hash-" + unique("t"), inviter.id(), now(), now()))
                .as("one invitation per address").isEmpty();
        Member invitation = memberStore.findInvitation(hash).orElseThrow();
        assertThat(invitation.pending()).isTrue();
        assertThat(invitation.userId()).isNull();
        assertThat(invitation.email()).isEqualTo(email);
        assertThat(invitation.name()).isEqualTo(email);
        assertThat(invitation.expiredAt(now())).isFalse();
        assertThat(invitation.expiredAt(now().plus(Duration.ofDays(7)))).isTrue();
        assertThat(memberStore.findByEmail(org.id(), email)).contains(invitation);
        assertThat(memberStore.countOwners(org.id())).as("an owner invitation is no owner").isEqualTo(1);
        Team team = teamStore.insert(org.id(), "t", "T", now()).orElseThrow();
        teamStore.addMember(team.id(), id);
        assertThat(teamStore.findById(org.id(), team.id()).orElseThrow().memberCount()).isZero();
        assertThat(directory.teamMemberEmails(team.id())).as("nobody is notified for an invitation").isEmpty();
        assertThat(directory.isMember(org.id(), email)).isFalse();
        assertThat(memberStore.accept(id, hash, inviter.id(), now().plus(Duration.ofDays(7))))
                .as("an expired link accepts nothing").isFalse();
        assertThat(memberStore.accept(id, "hash-other", inviter.id(), now())).as("another token accepts nothing").isFalse();

        List<User> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(newUser("password-racer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (User racer : racers) {
                claims.add(() -> tx.write(() -> memberStore.accept(id, hash, racer.id(), now())));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Member accepted = memberStore.findById(org.id(), id).orElseThrow();
        assertThat(accepted.pending()).isFalse();
        assertThat(accepted.inviteExpiresAt()).isNull();
        assertThat(racers).extracting(User::id).contains(accepted.userId());
        assertThat(memberStore.findInvitation(hash)).isEmpty();
        assertThat(teamStore.findById(org.id(), team.id()).orElseThrow().memberCount()).isEqualTo(1);
        assertThat(directory.teamMemberEmails(team.id())).containsExactly(users.findById(accepted.userId()).orElseThrow().email());
        assertThat(memberStore.countOwners(org.id())).isEqualTo(2);
    }

    @Test
    void theInvitationsOfASenderAreWithdrawnTogether() {
        Organization org = orgStore.insert(unique("org"), "Sent", now()).orElseThrow();
        User sender = newUser("password-sender");
        User other = newUser("password-other");
        String mine = "hash-" + unique("t");
        String theirs = "hash-" + unique("t");
        memberStore.insertInvitation(org.id(), unique("a") + "@example.com", Role.MEMBER, mine, sender.id(), now(), now().plus(Duration.ofDays(1)));
        memberStore.insertInvitation(org.id(), unique("b") + "@example.com", Role.MEMBER, theirs, other.id(), now(), now().plus(Duration.ofDays(1)));
        assertThat(memberStore.deleteInvitationsSentBy(org.id(), sender.id())).isEqualTo(1);
        assertThat(memberStore.findInvitation(mine)).isEmpty();
        assertThat(memberStore.findInvitation(theirs)).isPresent();
    }

    @Test
    void listsArePagedInSlugOrder() {
        Organization org = orgStore.insert(unique("org"), "Paged", now()).orElseThrow();
        for (String slug : List.of("c", "a", "e", "b", "d")) {
            projectStore.insert(org.id(), slug, slug.toUpperCase(), null, now());
        }
        assertThat(projectStore.list(org.id(), 0, 3)).extracting(Project::slug).containsExactly("a", "b", "c");
        assertThat(projectStore.list(org.id(), 3, 3)).extracting(Project::slug).containsExactly("d", "e");
    }

    @Test
    void keysKeepNullableRateLimitsAndTheirActiveFlag() {
        Organization org = orgStore.insert(unique("org"), "Keys", now()).orElseThrow();
        Project project = projectStore.insert(org.id(), "p", "P", null, now()).orElseThrow();
        String publicKey = unique("k").replace("-", "") + "0000000000000000";
        ProjectKey key = keyStore.insert(project.id(), "Default", publicKey, null, null, now());
        assertThat(keyStore.findByPublicKey(publicKey).orElseThrow()).isEqualTo(key);
        keyStore.update(key.id(), "Mobile", false, 1000, 60);
        ProjectKey updated = keyStore.find(project.id(), publicKey).orElseThrow();
        assertThat(updated.active()).isFalse();
        assertThat(updated.label()).isEqualTo("Mobile");
        assertThat(updated.rateLimitCount()).isEqualTo(1000);
        assertThat(updated.rateLimitWindow()).isEqualTo(60);
        Project otherProject = projectStore.insert(org.id(), "q", "Q", null, now()).orElseThrow();
        assertThat(keyStore.find(otherProject.id(), publicKey)).isEmpty();
    }

    @Test
    void tokensAreFoundOnlyByTheirHashAndTouchedAtMostOnceAMinute() {
        User user = newUser("password-2");
        ApiToken token = tokenStore.insert(user.id(), "ci", "hash-" + unique("h"), "abcd", Set.of("org:read", "project:write"),
                null, now());
        assertThat(token.scopes()).containsExactlyInAnyOrder("org:read", "project:write");
        assertThat(token.expiresAt()).isNull();
        tokenStore.touch(token.id(), now());
        Instant first = tokenStore.findById(user.id(), token.id()).orElseThrow().lastUsedAt();
        tokenStore.touch(token.id(), now().plusSeconds(10));
        assertThat(tokenStore.findById(user.id(), token.id()).orElseThrow().lastUsedAt()).isEqualTo(first);
        tokenStore.touch(token.id(), now().plusSeconds(61));
        assertThat(tokenStore.findById(user.id(), token.id()).orElseThrow().lastUsedAt()).isAfter(first);
        User other = newUser("password-3");
        assertThat(tokenStore.delete(other.id(), token.id())).isFalse();
        assertThat(tokenStore.delete(user.id(), token.id())).isTrue();
    }

    @Test
    void aOneTimeLinkIsClaimedExactlyOnceEvenWhenRaced() throws Exception {
        long id = linkStore.insert(OneTimeLink.Purpose.PASSWORD_RESET, "hash-" + unique("l"), null, null, "x@example.com",
                null, now(), now().plus(Duration.ofHours(1)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                claims.add(() -> tx.write(() -> linkStore.markUsed(id, now())));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredLinksCannotBeClaimedAndAreForgottenLater() {
        Instant start = now();
        String hash = "hash-" + unique("l");
        long id = linkStore.insert(OneTimeLink.Purpose.SETUP, hash, null, null, "y@example.com", Role.MEMBER, start,
                start.plus(Duration.ofMinutes(5)));
        assertThat(linkStore.markUsed(id, start.plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(linkStore.expire(start.plus(Duration.ofMinutes(6)))).isGreaterThanOrEqualTo(1);
        assertThat(linkStore.findByHash(hash).orElseThrow().state()).isEqualTo(OneTimeLink.State.EXPIRED);
        assertThat(linkStore.findByHash(hash).orElseThrow().role()).isEqualTo(Role.MEMBER);
        linkStore.deleteEndedBefore(start.plus(Duration.ofDays(31)));
        assertThat(linkStore.findByHash(hash)).isEmpty();
    }

    @Test
    void concurrentWritersAllCommit() throws Exception {
        Organization org = orgStore.insert(unique("org"), "Writers", now()).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String slug = "t" + i;
                writes.add(() -> tx.write(() -> teamStore.insert(org.id(), slug, slug, now()).isPresent()));
            }
            for (Future<Boolean> f : pool.invokeAll(writes)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(teamStore.list(org.id(), 0, 1000)).hasSize(200);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        String slug = unique("org");
        try {
            tx.write(() -> {
                orgStore.insert(slug, "Half", now());
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the point of the test
        }
        assertThat(orgStore.findBySlug(slug)).isEmpty();
    }
}
