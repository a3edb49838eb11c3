package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.auth.CurrentActor;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.web.LayoutModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The layout's accounts part: who is logged in, their organizations (the switcher), and the
 * organization of the current page ({@code org}, with the caller's {@code access} to it).
 */
@Component
class AccountsLayout implements LayoutModel {
    /** The session attribute that remembers the slug of the organization whose pages the person saw last. */
    static final String LAST_ORGANIZATION = "bugmaster.lastOrganization";
    private static final Pattern SCOPE = Pattern.compile("'([a-z]+:[a-z]+)'");

    private final OrganizationService organizations;

    AccountsLayout(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public void contribute(HttpServletRequest request, Map<String, Object> model) {
        Optional<Actor> actor = CurrentActor.get();
        if (actor.isEmpty()) {
            return;
        }
        model.putIfAbsent("me", actor.get().email());
        List<Organization> mine = organizations.list(actor.get(), 0, 50).items();
        model.putIfAbsent("organizations", mine);
        if (model.containsKey("access")) {
            return;
        }
        HttpSession session = request.getSession(false);
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && vars.get("org") instanceof String slug) {
            access(actor.get(), slug).ifPresent(access -> {
                model.put("access", access);
                model.putIfAbsent("currentOrg", access.org());
                if (session != null) {
                    session.setAttribute(LAST_ORGANIZATION, access.org().slug());
                }
            });
            return;
        }
        // a page of the person (API tokens, notifications): the navigation of the organization they were in last,
        // or of their first one, so the way back is one click
        String last = session == null ? null : (String) session.getAttribute(LAST_ORGANIZATION);
        Optional<OrgAccess> current = last == null ? Optional.empty() : access(actor.get(), last);
        if (current.isEmpty() && !mine.isEmpty()) {
            current = access(actor.get(), mine.get(0).slug());
        }
        current.ifPresent(access -> model.putIfAbsent("currentOrg", access.org()));
    }

    /** The caller's access to an organization, if they are in it (still: a membership can end while the session lasts). */
    private Optional<OrgAccess> access(Actor actor, String slug) {
        try {
            return Optional.of(organizations.access(actor, slug));
        } catch (NotFoundException e) {
            // an unknown organization, or one the caller left: the page itself says so
            return Optional.empty();
        }
    }

    /** Names the least role that grants the scope a refusal mentions. */
    @Override
    public String forbiddenHint(String message) {
        Matcher m = message == null ? null : SCOPE.matcher(message);
        if (m == null || !m.find()) {
            return null;
        }
        String scope = m.group(1);
        if (message.contains("token")) {
            return "Create a new API token that includes the '" + scope + "' scope.";
        }
        return Arrays.stream(Role.values()).filter(role -> role.scopes().contains(scope)).findFirst()
                .map(role -> "This needs the " + role.title() + " role" + (role == Role.OWNER ? "" : " or higher")
                        + ". Ask an owner of the organization to change your role on the Members page.")
                .orElse(null);
    }
}
