package io.bugmaster.oncall.people.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.oncall.Urgency;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.people.NotificationRule;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The current user's contact methods and notification rules: how and when a page reaches them. */
@UiController
@RequestMapping("/settings/paging")
class PagingSettingsPages {
    private static final String HERE = "redirect:/settings/paging";
    private final ContactMethods people;

    PagingSettingsPages(ContactMethods people) {
        this.people = people;
    }

    /** A rule as the page lists it, with the method it names. */
    record RuleRow(NotificationRule rule, ContactMethod method) {}

    @GetMapping
    ModelAndView show(Actor actor) {
        return page(actor, FormErrors.NONE, FormErrors.NONE, Map.of());
    }

    @PostMapping("/methods")
    ModelAndView addMethod(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            ContactMethod created = people.create(actor, new ContactMethods.Input(form.get("type"), form.get("label"), form.get("address"),
                    form.get("token"), null));
            redirect.addFlashAttribute("notice", "Contact method “" + created.name() + "” added. Send it a test to be sure it reaches you.");
            return new ModelAndView(HERE);
        } catch (InvalidInputException | ConflictException e) {
            ModelAndView mav = page(actor, FormErrors.from(e, "address", "type", "label", "address", "token"), FormErrors.NONE, form);
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
    }

    @PostMapping("/methods/{id}/test")
    String test(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        try {
            ContactMethods.TestResult result = people.test(actor, id, null);
            if (result.delivered()) {
                redirect.addFlashAttribute("notice", "Test notification delivered" + (result.detail() == null || result.detail().isBlank()
                        ? "." : ": " + result.detail()));
            } else {
                redirect.addFlashAttribute("alert", "Test notification not delivered (" + result.status() + "): " + result.detail());
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return HERE;
    }

    @PostMapping("/methods/{id}/enable")
    String enable(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "true") boolean on, RedirectAttributes redirect) {
        ContactMethod m = people.update(actor, id, new ContactMethods.Input(null, null, null, null, on));
        redirect.addFlashAttribute("notice", "Contact method “" + m.name() + "” turned " + (on ? "on." : "off."));
        return HERE;
    }

    @PostMapping("/methods/{id}/delete")
    String deleteMethod(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        people.delete(actor, id);
        redirect.addFlashAttribute("notice", "Contact method deleted, with the rules that used it.");
        return HERE;
    }

    @PostMapping("/rules")
    ModelAndView addRule(Actor actor, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            Long method = parse(form.get("contact_method"));
            Integer delay = form.get("delay") == null || form.get("delay").isBlank() ? 0 : parseInt(form.get("delay"));
            people.createRule(actor, new ContactMethods.RuleInput(form.get("urgency"), method, delay));
            redirect.addFlashAttribute("notice", "Notification rule added.");
            return new ModelAndView(HERE);
        } catch (InvalidInputException | ConflictException e) {
            ModelAndView mav = page(actor, FormErrors.NONE, FormErrors.from(e, null, "urgency", "contact_method", "start_delay_in_minutes"),
                    form);
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
    }

    @PostMapping("/rules/{id}/delete")
    String deleteRule(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        try {
            people.deleteRule(actor, id);
            redirect.addFlashAttribute("notice", "Notification rule deleted.");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return HERE;
    }

    private static Long parse(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("contact_method", "is not one of your contact methods");
        }
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("start_delay_in_minutes", "must be a whole number of minutes");
        }
    }

    private ModelAndView page(Actor actor, FormErrors methodErrors, FormErrors ruleErrors, Map<String, String> form) {
        List<ContactMethod> methods = people.list(actor);
        ContactMethods.Rules rules = people.rules(actor);
        Map<Long, ContactMethod> byId = methods.stream().collect(Collectors.toMap(ContactMethod::id, Function.identity()));
        ModelAndView mav = new ModelAndView("oncall/paging");
        mav.addObject("section", "paging");
        mav.addObject("methods", methods);
        mav.addObject("kinds", ContactMethod.Kind.values());
        mav.addObject("defaultRules", rules.isDefault());
        mav.addObject("high", rows(rules.rules(), Urgency.HIGH, byId));
        mav.addObject("low", rows(rules.rules(), Urgency.LOW, byId));
        mav.addObject("methodErrors", methodErrors);
        mav.addObject("ruleErrors", ruleErrors);
        mav.addObject("form", form);
        return mav;
    }

    private static List<RuleRow> rows(List<NotificationRule> rules, Urgency urgency, Map<Long, ContactMethod> byId) {
        return rules.stream().filter(r -> r.urgency() == urgency).map(r -> new RuleRow(r, byId.get(r.contactMethodId()))).toList();
    }
}
