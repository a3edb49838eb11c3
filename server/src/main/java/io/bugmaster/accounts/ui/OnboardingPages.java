package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.FirstStart;
import io.bugmaster.accounts.Invitations;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.auth.CurrentActor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages reached by one-time links, before the person has logged in: first-start setup and invitations. */
@UiController
class OnboardingPages {
    private final FirstStart firstStart;
    private final Invitations invitations;

    OnboardingPages(FirstStart firstStart, Invitations invitations) {
        this.firstStart = firstStart;
        this.invitations = invitations;
    }

    // --- first start ---

    @GetMapping("/setup/{token}")
    ModelAndView setupForm(@PathVariable String token) {
        if (!firstStart.setupLinkUsable(token)) {
            return setupLinkUnusable();
        }
        return setupPage(token, "", "", "", FormErrors.NONE);
    }

    @PostMapping("/setup/{token}")
    ModelAndView setup(@PathVariable String token, @RequestParam(required = false) String email,
            @RequestParam(required = false) String name, @RequestParam(required = false) String password,
            @RequestParam(required = false) String organization, RedirectAttributes redirect) {
        try {
            String adminEmail = firstStart.completeSetup(token, email, name, password, organization).email();
            redirect.addFlashAttribute("email", adminEmail);
            redirect.addFlashAttribute("notice", "Your admin account and organization are ready. Log in to start.");
            return new ModelAndView(Forms.redirect("/login"));
        } catch (NotFoundException e) {
            return setupLinkUnusable();
        } catch (InvalidInputException e) {
            return Forms.rejected(setupPage(token, email, name, organization,
                    FormErrors.from(e, null, "email", "name", "password", "organization")));
        }
    }

    private static ModelAndView setupPage(String token, String email, String name, String organization, FormErrors errors) {
        ModelAndView mav = new ModelAndView("onboarding/setup");
        mav.addObject("token", token);
        mav.addObject("email", email);
        mav.addObject("name", name);
        mav.addObject("organization", organization);
        mav.addObject("errors", errors);
        return mav;
    }

    private static ModelAndView setupLinkUnusable() {
        return new ModelAndView("onboarding/setup-unusable", HttpStatus.NOT_FOUND);
    }

    // --- invitations ---

    /**
     * The page behind an invitation link. For an address without an account: a form to create it.
     * For an address with an account: accepting needs that account's login, so the page asks to
     * log in as it, offers to join once logged in as it, or says that the wrong account is logged in.
     */
    @GetMapping("/accept/{token}")
    ModelAndView acceptForm(@PathVariable String token) {
        return acceptPage(token, invitations.find(token), "", FormErrors.NONE);
    }

    /** Creates the invited account (the address has none) and with it the membership. */
    @PostMapping("/accept/{token}")
    ModelAndView accept(@PathVariable String token, @RequestParam(required = false) String name,
            @RequestParam(required = false) String password, RedirectAttributes redirect) {
        try {
            String email = invitations.acceptWithNewAccount(token, name, password);
            redirect.addFlashAttribute("email", email);
            redirect.addFlashAttribute("notice", "Welcome! Your account is ready. Log in with your email and new password.");
            return new ModelAndView(Forms.redirect("/login"));
        } catch (InvalidInputException e) {
            return Forms.rejected(acceptPage(token, invitations.find(token), name, FormErrors.from(e, null, "name", "password")));
        } catch (ConflictException e) {
            ModelAndView page = acceptPage(token, invitations.find(token), "", FormErrors.NONE);
            page.setStatus(HttpStatus.CONFLICT);
            return page;
        }
    }

    /** Needs a login (SecurityConfig), so "log in to accept" comes back here, then to the page. */
    @GetMapping("/accept/{token}/login")
    String loginToAccept(@PathVariable String token) {
        return Forms.redirect("/accept/" + token);
    }

    /** Accepts as the logged-in account, which must be the invited address's. */
    @PostMapping("/accept/{token}/join")
    String join(Actor actor, @PathVariable String token, RedirectAttributes redirect) {
        Organization org = invitations.acceptAs(actor, token);
        redirect.addFlashAttribute("notice", "You joined " + org.name() + ".");
        return Forms.redirect("/orgs/" + org.slug() + "/projects");
    }

    private static ModelAndView acceptPage(String token, Invitations.Invitation invitation, String name, FormErrors errors) {
        String loggedInAs = CurrentActor.get().map(Actor::email).orElse(null);
        String state = !invitation.accountExists() ? "new"
                : loggedInAs == null ? "login"
                : loggedInAs.equalsIgnoreCase(invitation.member().email()) ? "join" : "other";
        ModelAndView mav = new ModelAndView("onboarding/accept");
        mav.addObject("token", token);
        mav.addObject("invitation", invitation);
        mav.addObject("state", state);
        mav.addObject("loggedInAs", loggedInAs);
        mav.addObject("name", name);
        mav.addObject("errors", errors);
        return mav;
    }
}
