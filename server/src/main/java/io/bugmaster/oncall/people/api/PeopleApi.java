package io.bugmaster.oncall.people.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.people.NotificationRule;
import io.bugmaster.notify.ntfy.NtfyTransport;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The caller's own contact methods and notification rules, with PagerDuty's field names where the
 * concept is the same ({@code label}, {@code address}, {@code urgency}, {@code start_delay_in_minutes},
 * {@code contact_method}).
 */
@ApiController
@RequestMapping("/api/0/users/me")
class PeopleApi {
    private final ContactMethods people;

    PeopleApi(ContactMethods people) {
        this.people = people;
    }

    /** A contact method; an ntfy token is never shown, only whether there is one. */
    record MethodJson(String id, String type, String label, String address, boolean enabled, boolean working,
            @JsonProperty("has_token") Boolean hasToken, @JsonProperty("last_error") String lastError,
            @JsonProperty("last_error_at") String lastErrorAt, @JsonProperty("created_at") String createdAt) {
        static MethodJson of(ContactMethod m) {
            return new MethodJson(Long.toString(m.id()), m.kind().id(), m.name(), m.address(), m.enabled(), m.works(),
                    m.kind() == ContactMethod.Kind.NTFY ? m.config().containsKey(NtfyTransport.TOKEN) : null, m.lastError(),
                    m.lastErrorAt() == null ? null : m.lastErrorAt().toString(), m.createdAt().toString());
        }
    }

    record MethodInput(String type, String label, String address, String token, Boolean enabled) {
        ContactMethods.Input input() {
            return new ContactMethods.Input(type, label, address, token, enabled);
        }
    }

    record MethodRef(String id, String type) {}

    /** A rule; {@code id} is null and {@code default} true for the default rules of a person who has set none. */
    record RuleJson(String id, String urgency, @JsonProperty("start_delay_in_minutes") int startDelayInMinutes,
            @JsonProperty("contact_method") MethodRef contactMethod, @JsonProperty("default") boolean isDefault) {
        static RuleJson of(NotificationRule r, Map<Long, ContactMethod> methods, boolean isDefault) {
            ContactMethod m = methods.get(r.contactMethodId());
            return new RuleJson(isDefault ? null : Long.toString(r.id()), r.urgency().name().toLowerCase(Locale.ROOT), r.delayMinutes(),
                    new MethodRef(Long.toString(r.contactMethodId()), m == null ? null : m.kind().id()), isDefault);
        }
    }

    record RuleInput(String urgency, @JsonProperty("start_delay_in_minutes") Integer startDelayInMinutes,
            @JsonProperty("contact_method") MethodRef contactMethod) {
        ContactMethods.RuleInput input() {
            Long id = null;
            if (contactMethod != null && contactMethod.id() != null) {
                try {
                    id = Long.parseLong(contactMethod.id());
                } catch (NumberFormatException e) {
                    id = -1L;
                }
            }
            return new ContactMethods.RuleInput(urgency, id, startDelayInMinutes);
        }
    }

    record TestJson(boolean ok, String status, String detail) {}

    @GetMapping({"/contact-methods/", "/contact-methods"})
    List<MethodJson> methods(Actor actor) {
        return people.list(actor).stream().map(MethodJson::of).toList();
    }

    @PostMapping({"/contact-methods/", "/contact-methods"})
    ResponseEntity<MethodJson> create(Actor actor, @RequestBody MethodInput body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(MethodJson.of(people.create(actor, body == null ? null : body.input())));
    }

    @GetMapping({"/contact-methods/{id}/", "/contact-methods/{id}"})
    MethodJson method(Actor actor, @PathVariable String id) {
        return MethodJson.of(people.get(actor, id));
    }

    @PutMapping({"/contact-methods/{id}/", "/contact-methods/{id}"})
    MethodJson update(Actor actor, @PathVariable String id, @RequestBody MethodInput body) {
        return MethodJson.of(people.update(actor, id, body == null ? null : body.input()));
    }

    /** Deletes the method and the rules that use it. */
    @DeleteMapping({"/contact-methods/{id}/", "/contact-methods/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        people.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** Sends a test notification now; {@code organization} picks whose SMS provider sends a test SMS. */
    @PostMapping({"/contact-methods/{id}/test/", "/contact-methods/{id}/test"})
    TestJson test(Actor actor, @PathVariable String id, @RequestParam(required = false) String organization) {
        ContactMethods.TestResult result = people.test(actor, id, organization);
        return new TestJson(result.delivered(), result.status(), result.detail());
    }

    @GetMapping({"/notification-rules/", "/notification-rules"})
    List<RuleJson> rules(Actor actor) {
        ContactMethods.Rules rules = people.rules(actor);
        Map<Long, ContactMethod> methods = byId(actor);
        return rules.rules().stream().map(r -> RuleJson.of(r, methods, rules.isDefault())).toList();
    }

    @PostMapping({"/notification-rules/", "/notification-rules"})
    ResponseEntity<RuleJson> createRule(Actor actor, @RequestBody RuleInput body) {
        NotificationRule rule = people.createRule(actor, body == null ? null : body.input());
        return ResponseEntity.status(HttpStatus.CREATED).body(RuleJson.of(rule, byId(actor), false));
    }

    @PutMapping({"/notification-rules/{id}/", "/notification-rules/{id}"})
    RuleJson updateRule(Actor actor, @PathVariable String id, @RequestBody RuleInput body) {
        return RuleJson.of(people.updateRule(actor, id, body == null ? null : body.input()), byId(actor), false);
    }

    @DeleteMapping({"/notification-rules/{id}/", "/notification-rules/{id}"})
    ResponseEntity<Void> deleteRule(Actor actor, @PathVariable String id) {
        people.deleteRule(actor, id);
        return ResponseEntity.noContent().build();
    }

    private Map<Long, ContactMethod> byId(Actor actor) {
        return people.list(actor).stream().collect(java.util.stream.Collectors.toMap(ContactMethod::id, m -> m));
    }
}
