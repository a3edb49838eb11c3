package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.PasswordResets;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot your password?": ask for a link by email, then choose a new password through it. Open to everyone. */
@UiController
class PasswordResetPages {
    private final PasswordResets resets;

    PasswordResetPages(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/password-reset")
    ModelAndView requestForm() {
        return resets.available() ? requestPage("form", "", FormErrors.NONE) : unavailable();
    }

    /** Answers the same for every valid address, whether it has an account or not. */
    @PostMapping("/password-reset")
    ModelAndView request(@RequestParam(required = false) String email, HttpServletRequest http) {
        if (!resets.available()) {
            return unavailable();
        }
        try {
            return requestPage("sent", resets.request(email, http.getRemoteAddr()), FormErrors.NONE);
        } catch (InvalidInputException e) {
            return Forms.rejected(requestPage("form", email, FormErrors.from(e, null, "email")));
        } catch (PasswordResets.TooMany e) {
            ModelAndView page = requestPage("form", email, FormErrors.from(e, null));
            page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
            return page;
        }
    }

    @GetMapping("/password-reset/{token}")
    ModelAndView resetForm(@PathVariable String token) {
        try {
            return resetPage(token, resets.emailOf(token), FormErrors.NONE);
        } catch (NotFoundException e) {
            return unusable(token);
        }
    }

    @PostMapping("/password-reset/{token}")
    ModelAndView reset(@PathVariable String token, @RequestParam(required = false) String password, RedirectAttributes redirect) {
        try {
            String email = resets.reset(token, password);
            redirect.addFlashAttribute("email", email);
            redirect.addFlashAttribute("notice", "Your password is changed and every session of your account has ended."
                    + " Log in with the new password.");
            return new ModelAndView(Forms.redirect("/login"));
        } catch (InvalidInputException e) {
            try {
                return Forms.rejected(resetPage(token, resets.emailOf(token), FormErrors.from(e, null, "password")));
            } catch (NotFoundException gone) {
                return unusable(token);
            }
        } catch (NotFoundException e) {
            return unusable(token);
        }
    }

    private static ModelAndView requestPage(String state, String email, FormErrors errors) {
        ModelAndView mav = new ModelAndView("session/password-reset-request");
        mav.addObject("state", state);
        mav.addObject("email", email == null ? "" : email);
        mav.addObject("errors", errors);
        return mav;
    }

    private static ModelAndView unavailable() {
        ModelAndView page = requestPage("unavailable", "", FormErrors.NONE);
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

    private static ModelAndView resetPage(String token, String email, FormErrors errors) {
        ModelAndView mav = new ModelAndView("session/password-reset");
        mav.addObject("token", token);
        mav.addObject("email", email);
        mav.addObject("errors", errors);
        return mav;
    }

    private static ModelAndView unusable(String token) {
        ModelAndView page = resetPage(token, null, FormErrors.NONE);
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
