package io.bugmaster.notify.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelDeletionListener;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.DeliveryStatus;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's notification channels page: the channels with their health, a form per kind
 * to add one, and per channel a page with its recent deliveries, the test button, turning it on
 * and off, and deleting it.
 */
@UiController
@RequestMapping("/orgs/{org}/settings/notifications")
class ChannelPages {
    private static final int RECENT = 50;

    private final ChannelService channels;

    ChannelPages(ChannelService channels) {
        this.channels = channels;
    }

    /** One input of a kind's form. */
    record FieldView(String name, String label, String hint, String type, boolean required) {}

    /** A kind's create form, from what its transport says of it. */
    record KindForm(String id, String title, String help, List<FieldView> fields) {
        static KindForm of(ChannelKind kind) {
            return new KindForm(kind.id(), kind.title(), kind.help(), kind.settings().stream()
                    .map(s -> new FieldView(s.name(), s.label(), s.hint(), s.type().input(), s.required())).toList());
        }
    }

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org) {
        return listPage(actor, org, null, Map.of(), FormErrors.NONE);
    }

    @PostMapping({"", "/"})
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String name, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, Object> config = new LinkedHashMap<>();
        ChannelKind parsed;
        try {
            parsed = channels.kind("kind", kind);
        } catch (InvalidInputException e) {
            return rejected(listPage(actor, org, null, form, FormErrors.of("kind", e.getMessage())));
        }
        for (String field : parsed.fields()) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                config.put(field, value.strip());
            }
        }
        try {
            Channel created = channels.create(actor, org, new ChannelService.NewChannel(name, parsed.id(), config));
            // a channel that cannot send yet says why on its page; suggesting a test would only fail
            redirect.addFlashAttribute("notice", "Channel '" + created.name() + "' added."
                    + (channels.warnings(created).isEmpty() ? " Send a test notification to check it." : ""));
            // a signing secret left blank was generated: shown this once
            parsed.settings().stream().filter(s -> s.type() == ChannelKind.Setting.Type.SIGNING_SECRET && !config.containsKey(s.name()))
                    .findFirst().ifPresent(s -> redirect.addFlashAttribute("generatedSecret", created.setting(s.name())));
            return new ModelAndView("redirect:" + base(org) + "/" + created.id());
        } catch (InvalidInputException e) {
            String field = e.field() == null ? null : e.field().startsWith("config.") ? e.field().substring(7) : e.field();
            String prefix = e.field() + ": ";
            String text = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            FormErrors errors = field == null ? FormErrors.from(e, null) : FormErrors.of(field, label(parsed, field) + " " + text);
            return rejected(listPage(actor, org, parsed.id(), form, errors));
        } catch (ConflictException e) {
            return rejected(listPage(actor, org, parsed.id(), form, FormErrors.of("name", e.getMessage())));
        }
    }

    /** One input of the edit form: its current value is the masked one for secrets. */
    record EditField(String name, String label, String hint, String value, boolean secret, boolean checkbox) {}

    @GetMapping({"/{id}", "/{id}/"})
    ModelAndView channel(Actor actor, @PathVariable String org, @PathVariable String id) {
        return channelPage(actor, org, id, null, Map.of(), FormErrors.NONE);
    }

    /**
     * Saves a channel's name and settings. Secrets come back as shown (masked) or blank when
     * unchanged, and then keep their stored value; anything else typed replaces it.
     */
    @PostMapping("/{id}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String name,
            @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Channel current = channels.get(actor, org, id);
        java.util.Set<String> secrets = current.kind().secretFields();
        Map<String, Object> config = new LinkedHashMap<>();
        for (String field : current.kind().fields()) {
            String value = form.get(field);
            if (value == null || (value.isBlank() && secrets.contains(field))) {
                continue;
            }
            config.put(field, value.strip());
        }
        try {
            Channel saved = channels.update(actor, org, id, new ChannelService.ChannelUpdate(name == null ? "" : name, null, config));
            redirect.addFlashAttribute("notice", "Channel '" + saved.name() + "' saved.");
            return new ModelAndView("redirect:" + base(org) + "/" + saved.id());
        } catch (InvalidInputException e) {
            return rejected(channelPage(actor, org, id, name, form, fieldError(current.kind(), e)));
        } catch (ConflictException e) {
            return rejected(channelPage(actor, org, id, name, form, FormErrors.of("name", e.getMessage())));
        }
    }

    private ModelAndView channelPage(Actor actor, String org, String id, String typedName, Map<String, String> typed,
            FormErrors errors) {
        ModelAndView mav = new ModelAndView("notify/channel");
        ChannelService.ChannelDetail detail = channels.detail(actor, org, id, RECENT);
        Channel c = detail.channel();
        mav.addObject("section", "notifications");
        mav.addObject("detail", detail);
        mav.addObject("c", c);
        mav.addObject("uses", channels.uses(actor, org, id));
        mav.addObject("base", base(org));
        mav.addObject("settingLabels", settingLabels(c.kind()));
        List<EditField> fields = new java.util.ArrayList<>();
        for (ChannelKind.Setting setting : c.kind().settings()) {
            String field = setting.name();
            boolean secret = setting.type().secret();
            String shown = detail.masked().getOrDefault(field, "");
            String value = !secret && typed.containsKey(field) ? typed.get(field) : shown;
            boolean checkbox = setting.type() == ChannelKind.Setting.Type.SWITCH;
            // a switch is asked for in its own words; other settings are named by their type ("Webhook URL")
            fields.add(new EditField(field, checkbox ? setting.label() : setting.type().label(), secret
                    ? "Shown masked. Leave it as it is to keep the stored value, or type a new one." : setting.hint(), value, secret,
                    checkbox));
        }
        mav.addObject("editFields", fields);
        mav.addObject("editName", typedName == null ? c.name() : typedName);
        mav.addObject("errors", errors);
        return mav;
    }

    /** A settings error as a message next to its field: {@code config.url: must be https} -> {@code url}, "Webhook URL must be https". */
    private static FormErrors fieldError(ChannelKind kind, InvalidInputException e) {
        String field = e.field() == null ? null : e.field().startsWith("config.") ? e.field().substring(7) : e.field();
        String prefix = e.field() + ": ";
        String text = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        if (field == null || !(field.equals("name") || kind.fields().contains(field))) {
            return FormErrors.from(e, null);
        }
        return FormErrors.of(field, (field.equals("name") ? "Name" : settingLabels(kind).getOrDefault(field, field)) + " " + text);
    }

    /** What the channel page calls each stored setting: by its type ("Webhook URL", "Routing key"). */
    private static Map<String, String> settingLabels(ChannelKind kind) {
        Map<String, String> labels = new LinkedHashMap<>();
        kind.settings().forEach(s -> labels.put(s.name(), s.type() == ChannelKind.Setting.Type.SWITCH ? s.label() : s.type().label()));
        return labels;
    }

    @PostMapping("/{id}/test")
    String test(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        try {
            ChannelService.TestResult result = channels.test(actor, org, id);
            if (result.delivery().status() == DeliveryStatus.DELIVERED) {
                redirect.addFlashAttribute("notice", "Test notification delivered" + (result.detail() == null ? "." : ": " + result.detail()));
            } else {
                redirect.addFlashAttribute("alert", "Test notification failed ("
                        + (result.delivery().status() == DeliveryStatus.FAILED_TEMPORARY ? "temporary, worth retrying" : "permanent")
                        + "): " + result.detail());
            }
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:" + base(org) + "/" + id;
    }

    @PostMapping("/{id}/enable")
    String enable(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        try {
            channels.update(actor, org, id, new ChannelService.ChannelUpdate(null, true, null));
            redirect.addFlashAttribute("notice", "Channel turned on.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:" + base(org) + "/" + id;
    }

    @PostMapping("/{id}/disable")
    String disable(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        try {
            channels.update(actor, org, id, new ChannelService.ChannelUpdate(null, false, null));
            redirect.addFlashAttribute("notice", "Channel turned off: it gets no notifications until it is turned on again.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:" + base(org) + "/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        List<ChannelDeletionListener.ChannelUse> changed = channels.delete(actor, org, id);
        long disabled = changed.stream().filter(ChannelDeletionListener.ChannelUse::disabled).count();
        redirect.addFlashAttribute("notice", "Channel deleted." + (changed.isEmpty() ? ""
                : " Its actions were removed from " + changed.size() + (changed.size() == 1 ? " alert rule" : " alert rules")
                        + (disabled == 0 ? "." : "; " + disabled + " left with no action " + (disabled == 1 ? "was" : "were") + " turned off.")));
        return "redirect:" + base(org);
    }

    private ModelAndView listPage(Actor actor, String org, String openKind, Map<String, String> values, FormErrors errors) {
        ModelAndView mav = new ModelAndView("notify/channels");
        mav.addObject("section", "notifications");
        mav.addObject("channels", channels.overview(actor, org));
        mav.addObject("forms", channels.kinds().stream().map(KindForm::of).toList());
        mav.addObject("openKind", openKind);
        mav.addObject("values", values);
        mav.addObject("errors", errors);
        mav.addObject("base", base(org));
        return mav;
    }

    private static String label(ChannelKind kind, String field) {
        return kind.setting(field).map(ChannelKind.Setting::label).orElse(field.equals("name") ? "Name" : field);
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(HttpStatusCode.valueOf(422));
        return mav;
    }

    private static String base(String org) {
        return "/orgs/" + org + "/settings/notifications";
    }
}
