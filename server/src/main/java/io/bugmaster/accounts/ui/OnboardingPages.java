package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.FirstStart;
import io.bugmaster.accounts.Invitations;
import io.bugmaster.accounts.OneTimeLink;
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

    @GetMapping("/accept/{token}")
    ModelAndView acceptForm(@PathVariable String token) {
        return acceptPage(token, invitations.find(token), "", FormErrors.NONE);
    }

    @PostMapping("/accept/{token}")
    ModelAndView accept(@PathVariable String token, @RequestParam(required = false) String name,
            @RequestParam(required = false) String password, RedirectAttributes redirect) {
        try {
            String email = invitations.accept(token, name, password);
            redirect.addFlashAttribute("email", email);
            redirect.addFlashAttribute("notice", "Welcome! Your account is ready. Log in with your email and new password.");
            return new ModelAndView(Forms.redirect("/login"));
        } catch (InvalidInputException e) {
            return Forms.rejected(acceptPage(token, invitations.find(token), name, FormErrors.from(e, null, "name", "password")));
        }
    }

    private static ModelAndView acceptPage(String token, OneTimeLink invitation, String name, FormErrors errors) {
        ModelAndView mav = new ModelAndView("onboarding/accept");
        mav.addObject("token", token);
        mav.addObject("invitation", invitation);
        mav.addObject("name", name);
        mav.addObject("errors", errors);
        return mav;
    }
}
