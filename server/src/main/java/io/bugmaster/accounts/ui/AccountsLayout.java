package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.auth.CurrentActor;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.web.LayoutModel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
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
        model.putIfAbsent("organizations", organizations.list(actor.get(), 0, 50).items());
        if (!model.containsKey("access") && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && vars.get("org") instanceof String slug) {
            try {
                OrgAccess access = organizations.access(actor.get(), slug);
                model.put("access", access);
                model.putIfAbsent("currentOrg", access.org());
            } catch (NotFoundException e) {
                // an unknown organization: the page itself says so
            }
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
