package io.bugmaster.slack.people;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.SignedPayload;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.inbound.SlackRequestLog;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * A person connecting their own Slack account, logged in to Bugmaster, through the one-time link a
 * click in Slack gave them ({@link SlackPeople#connectUrl}); and the links a person has, which they
 * may remove. A link works once (its nonce is kept in {@code slack_seen} longer than it is valid),
 * for 30 minutes, for a member of the link's organization whose workspace is still connected.
 */
@Service
public class SlackConnections {
    private final SlackPeople people;
    private final SlackUserLinkStore links;
    private final SlackRequestLog seen;
    private final SlackInstallations installations;
    private final OrganizationService organizations;
    private final SlackApi api;
    private final Transactions tx;
    private final Clock clock;

    SlackConnections(SlackPeople people, SlackUserLinkStore links, SlackRequestLog seen, SlackInstallations installations,
            OrganizationService organizations, SlackApi api, Transactions tx, Clock clock) {
        this.people = people;
        this.links = links;
        this.seen = seen;
        this.installations = installations;
        this.organizations = organizations;
        this.api = api;
        this.tx = tx;
        this.clock = clock;
    }

    /** Why a link does not connect, with the HTTP status its page answers. */
    public enum Problem {
        INVALID(400), EXPIRED(410), USED(410), WORKSPACE_GONE(410), NOT_A_MEMBER(403);

        private final int status;

        Problem(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What a link would connect (or did): the Slack person (their id, and the name and email Slack has
     * for them when it answers), the workspace, the organization, and the Bugmaster person; or the problem.
     */
    public record Connection(Problem problem, String slackUserId, String slackName, String slackEmail, String workspace, String orgName,
            String you) {
        static Connection refused(Problem problem) {
            return new Connection(problem, null, null, null, null, null, null);
        }

        public boolean refused() {
            return problem != null;
        }
    }

    /** What the link names, checked for this person; it is not used up. */
    public Connection check(Actor actor, String token) {
        Checked c = checked(actor, token);
        if (c.problem != null) {
            return Connection.refused(c.problem);
        }
        String name = null;
        String email = null;
        try {
            JsonNode user = api.call(c.installation.botToken(), "users.info", SlackApi.object().put("user", c.request.slackUserId())).path("user");
            name = user.path("real_name").asString(user.path("profile").path("real_name").asString(user.path("name").asString(null)));
            email = user.path("profile").path("email").asString(null);
        } catch (SlackApiException e) {
            // the page names the Slack person by id alone
        }
        return new Connection(null, c.request.slackUserId(), name, email, c.installation.teamName(), c.access.org().name(), actor.email());
    }

    /** Connects the link's Slack person to this person, once: a second use, or any problem, changes nothing. */
    public Connection connect(Actor actor, String token) {
        Checked c = checked(actor, token);
        if (c.problem != null) {
            return Connection.refused(c.problem);
        }
        Instant now = clock.instant();
        boolean first = tx.write(() -> {
            if (!seen.firstTime("link:" + c.request.nonce(), now)) {
                return false;
            }
            people.link(c.installation, c.request.slackUserId(), actor.userId(), SlackPeople.VIA_LINK);
            return true;
        });
        return first ? new Connection(null, c.request.slackUserId(), null, null, c.installation.teamName(), c.access.org().name(), actor.email())
                : Connection.refused(Problem.USED);
    }

    private record Checked(Problem problem, SlackPeople.ConnectRequest request, SlackInstallation installation, OrgAccess access) {}

    private Checked checked(Actor actor, String token) {
        SlackPeople.ConnectRequest request;
        try {
            request = people.connectRequest(token);
        } catch (SignedPayload.Invalid e) {
            return new Checked(Problem.INVALID, null, null, null);
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            return new Checked(Problem.EXPIRED, request, null, null);
        }
        OrgAccess access;
        try {
            access = organizations.access(actor, request.orgId());
        } catch (NotFoundException e) {
            return new Checked(Problem.NOT_A_MEMBER, request, null, null);
        }
        Optional<SlackInstallation> installation = installations.forOrg(request.orgId()).filter(i -> i.teamId().equals(request.teamId()));
        if (installation.isEmpty()) {
            return new Checked(Problem.WORKSPACE_GONE, request, null, access);
        }
        return new Checked(null, request, installation.get(), access);
    }

    /** One of a person's links, as their settings page lists it. */
    public record MyLink(long orgId, String orgName, String teamId, String workspace, String slackUserId, String via, Instant createdAt) {}

    /** The person's links in the organizations they belong to. */
    public List<MyLink> mine(Actor actor) {
        List<MyLink> out = new ArrayList<>();
        for (SlackUserLinkStore.Link l : links.ofUser(actor.userId())) {
            OrgAccess access;
            try {
                access = organizations.access(actor, l.orgId());
            } catch (NotFoundException e) {
                continue; // a link in an organization they left counts for nothing
            }
            String workspace = installations.forOrg(l.orgId()).filter(i -> i.teamId().equals(l.teamId())).map(SlackInstallation::teamName)
                    .orElse(null);
            out.add(new MyLink(l.orgId(), access.org().name(), l.teamId(), workspace, l.slackUserId(), l.via(), l.createdAt()));
        }
        return out;
    }

    /** Removes one of the person's own links; not found for anyone else's. */
    public void unlink(Actor actor, long orgId, String teamId, String slackUserId) {
        if (!tx.write(() -> links.delete(orgId, teamId, slackUserId, actor.userId()))) {
            throw new NotFoundException("you have no such Slack link");
        }
    }
}
