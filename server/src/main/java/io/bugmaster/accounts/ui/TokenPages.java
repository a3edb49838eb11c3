package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ApiTokens;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The current user's API tokens: create (shown once), list, revoke. */
@UiController
@RequestMapping("/settings/tokens")
class TokenPages {
    /** Scopes checked on a fresh form: enough for sentry-cli to upload releases and read issues. */
    private static final Set<String> DEFAULT_SCOPES = Set.of(Scopes.ORG_READ, Scopes.PROJECT_READ, Scopes.PROJECT_RELEASES,
            Scopes.EVENT_READ);

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    ModelAndView list(Actor actor) {
        return page(actor, "", DEFAULT_SCOPES, FormErrors.NONE);
    }

    @PostMapping
    ModelAndView create(Actor actor, @RequestParam(required = false) String name,
            @RequestParam(required = false) List<String> scopes, RedirectAttributes redirect) {
        try {
            ApiTokens.Created created = tokens.create(actor, name, scopes == null ? List.of() : scopes, null);
            redirect.addFlashAttribute("newToken", created.plainText());
            redirect.addFlashAttribute("newTokenName", created.token().name());
            return new ModelAndView(Forms.redirect("/settings/tokens"));
        } catch (InvalidInputException e) {
            return Forms.rejected(page(actor, name, scopes == null ? Set.of() : Set.copyOf(scopes),
                    FormErrors.from(e, null, "name", "scopes")));
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        tokens.delete(actor, id);
        redirect.addFlashAttribute("notice", "Token revoked: it no longer works.");
        return Forms.redirect("/settings/tokens");
    }

    private ModelAndView page(Actor actor, String name, Set<String> checked, FormErrors errors) {
        ModelAndView mav = new ModelAndView("tokens/list");
        mav.addObject("section", "tokens");
        mav.addObject("tokens", tokens.list(actor));
        mav.addObject("allScopes", new TreeSet<>(Scopes.ALL));
        mav.addObject("checked", checked);
        mav.addObject("name", name);
        mav.addObject("errors", errors);
        return mav;
    }
}
