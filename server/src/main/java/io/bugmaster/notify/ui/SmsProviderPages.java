package io.bugmaster.notify.ui;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.sms.SmsProvider;
import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organization's SMS provider: admins set it; its token is shown masked; replies go to the inbound URL shown. */
@UiController
@RequestMapping("/orgs/{org}/settings/sms")
class SmsProviderPages {
    private final SmsProviders providers;
    private final String inboundUrl;

    SmsProviderPages(SmsProviders providers, BugmasterProperties props) {
        this.providers = providers;
        this.inboundUrl = props.baseUrlTrimmed() + "/inbound/sms/twilio";
    }

    @GetMapping({"", "/"})
    ModelAndView show(Actor actor, @PathVariable String org) {
        return page(org, providers.get(actor, org), FormErrors.NONE, Map.of());
    }

    @PostMapping({"", "/"})
    ModelAndView save(Actor actor, @PathVariable String org, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            providers.set(actor, org, new SmsProviders.Change(form.get("base_url"), form.get("account_sid"), form.get("auth_token"),
                    form.get("from_number")));
        } catch (InvalidInputException e) {
            ModelAndView mav = page(org, providers.get(actor, org), FormErrors.from(e, null, "base_url", "account_sid", "auth_token",
                    "from_number"), form);
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
        redirect.addFlashAttribute("notice", "SMS provider saved.");
        return new ModelAndView("redirect:/orgs/" + org + "/settings/sms");
    }

    @PostMapping("/delete")
    String delete(Actor actor, @PathVariable String org, RedirectAttributes redirect) {
        providers.delete(actor, org);
        redirect.addFlashAttribute("notice", "SMS provider removed: SMS contact methods get nothing from this organization.");
        return "redirect:/orgs/" + org + "/settings/sms";
    }

    private ModelAndView page(String org, Optional<SmsProvider> provider, FormErrors errors, Map<String, String> form) {
        ModelAndView mav = new ModelAndView("notify/sms");
        mav.addObject("section", "notifications");
        mav.addObject("provider", provider.orElse(null));
        mav.addObject("inboundUrl", inboundUrl);
        mav.addObject("errors", errors);
        mav.addObject("form", form);
        mav.addObject("base", "/orgs/" + org + "/settings/sms");
        return mav;
    }
}
