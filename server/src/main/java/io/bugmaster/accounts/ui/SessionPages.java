package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.FirstStart;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.PasswordResets;
import io.bugmaster.web.LoginThrottle;
import io.bugmaster.web.UiController;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page (before anyone has set Bugmaster up: where to find the setup link), and the start
 * page that sends a user to their first organization.
 */
@UiController
class SessionPages {
    private final OrganizationService organizations;
    private final FirstStart firstStart;
    private final PasswordResets passwordResets;

    SessionPages(OrganizationService organizations, FirstStart firstStart, PasswordResets passwordResets) {
        this.organizations = organizations;
        this.firstStart = firstStart;
        this.passwordResets = passwordResets;
    }

    @GetMapping("/")
    String home(Actor actor) {
        List<Organization> orgs = organizations.list(actor, 0, 1).items();
        return orgs.isEmpty() ? "home/no-organization" : Forms.redirect("/orgs/" + orgs.get(0).slug() + "/projects");
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String locked, HttpSession session, Model model) {
        if (firstStart.setupPending()) {
            return "session/setup-pending";
        }
        Object lastEmail = session.getAttribute(LoginThrottle.LAST_EMAIL);
        session.removeAttribute(LoginThrottle.LAST_EMAIL);
        if (!model.containsAttribute("email")) {
            model.addAttribute("email", lastEmail instanceof String s ? s : "");
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("resetByEmail", passwordResets.available());
        Integer minutes = Forms.optionalIntOrNull(locked);
        model.addAttribute("lockedMinutes", minutes == null ? null : Math.max(1, Math.min(minutes, 24 * 60)));
        return "session/login";
    }
}
