package io.bugmaster.incidents.comms.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.comms.IncidentComms;
import io.bugmaster.incidents.comms.IncidentSettings;
import io.bugmaster.incidents.comms.ServiceChannels;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Incident communication in the web: the organization's incident settings page (situation room,
 * stakeholder and tech channels, per-service channels), and the incident page's forms: post a
 * status update, subscribe and unsubscribe.
 */
@UiController
class IncidentCommsPages {
    private static final int SHOWN = 500;

    private final IncidentComms comms;
    private final ChannelService channels;
    private final Services services;

    IncidentCommsPages(IncidentComms comms, ChannelService channels, Services services) {
        this.comms = comms;
        this.channels = channels;
        this.services = services;
    }

    /** A service's row on the settings page: its channels as the form shows them ("" for the organization's). */
    record ServiceRow(ServiceDefinition service, String stakeholder, String tech) {}

    @GetMapping({"/orgs/{org}/settings/incidents", "/orgs/{org}/settings/incidents/"})
    ModelAndView settings(Actor actor, @PathVariable String org) {
        IncidentSettings s = comms.settings(actor, org);
        return page(actor, org, s.situationRoomUrl(), id(s.stakeholderChannelId()), id(s.techChannelId()), s.services(), FormErrors.NONE);
    }

    @PostMapping({"/orgs/{org}/settings/incidents", "/orgs/{org}/settings/incidents/"})
    ModelAndView save(Actor actor, @PathVariable String org, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        List<IncidentSettings.ServiceInput> perService = new ArrayList<>();
        for (String key : form.keySet()) {
            if (key.startsWith("stakeholder-")) {
                String serviceId = key.substring("stakeholder-".length());
                String stakeholder = form.get(key);
                String tech = form.getOrDefault("tech-" + serviceId, "");
                if (!stakeholder.isBlank() || !tech.isBlank()) {
                    perService.add(new IncidentSettings.ServiceInput(serviceId, stakeholder, tech));
                }
            }
        }
        String room = form.getOrDefault("situationRoomUrl", "");
        String stakeholder = form.getOrDefault("stakeholderChannelId", "");
        String tech = form.getOrDefault("techChannelId", "");
        try {
            comms.saveSettings(actor, org, new IncidentSettings.Update(true, room, true, stakeholder, true, tech, perService));
        } catch (InvalidInputException e) {
            List<ServiceChannels> typed = perService.stream().filter(p -> p.serviceId().matches("[0-9]{1,18}"))
                    .map(p -> new ServiceChannels(Long.parseLong(p.serviceId()), number(p.stakeholderChannelId()), number(p.techChannelId())))
                    .toList();
            ModelAndView mav = page(actor, org, room, stakeholder, tech, typed, errors(e));
            mav.setStatus(HttpStatusCode.valueOf(422));
            return mav;
        }
        redirect.addFlashAttribute("notice", "Incident settings saved.");
        return new ModelAndView("redirect:/orgs/" + org + "/settings/incidents");
    }

    /** The form's labels for the fields the domain names. */
    private static final Map<String, String> LABELS = Map.of("situation_room_url", "The situation room",
            "stakeholder_channel_id", "The stakeholder channel", "tech_channel_id", "The tech channel");

    /** A rejected field's message next to it, in the form's words ("The situation room must start with https://..."). */
    private static FormErrors errors(InvalidInputException e) {
        String label = LABELS.get(e.field());
        if (label == null) {
            return FormErrors.from(e, null);
        }
        String prefix = e.field() + ": ";
        String text = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return FormErrors.of(e.field(), label + " " + text + (text.endsWith(".") ? "" : "."));
    }

    private ModelAndView page(Actor actor, String org, String room, String stakeholder, String tech, List<ServiceChannels> perService,
            FormErrors errors) {
        List<Channel> all = channels.list(actor, org, 0, SHOWN).items();
        List<ServiceRow> rows = new ArrayList<>();
        for (ServiceDefinition s : services.list(actor, org, 0, SHOWN).items()) {
            ServiceChannels own = perService.stream().filter(p -> p.serviceId() == s.id()).findFirst().orElse(null);
            rows.add(new ServiceRow(s, own == null ? "" : id(own.stakeholderChannelId()), own == null ? "" : id(own.techChannelId())));
        }
        ModelAndView mav = new ModelAndView("incidents/comms/settings");
        mav.addObject("section", "incidents");
        mav.addObject("room", room == null ? "" : room);
        mav.addObject("stakeholder", stakeholder);
        mav.addObject("tech", tech);
        mav.addObject("channels", all);
        mav.addObject("rows", rows);
        mav.addObject("errors", errors);
        mav.addObject("canManage", comms.canManage(actor, org));
        return mav;
    }

    @PostMapping("/orgs/{org}/incidents/{number}/status-updates")
    String post(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String message,
            @RequestParam(required = false) String stage, RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            IncidentComms.Posted p = comms.post(actor, org, number, message, stage);
            String where = p.channel() == null ? "no stakeholder channel is set" : "sent to " + p.channel().name();
            return "Status update posted (" + p.update().stage() + "): " + where
                    + (p.emailed() == 0 ? "." : " and emailed to " + p.emailed() + (p.emailed() == 1 ? " subscriber." : " subscribers."));
        });
    }

    @PostMapping("/orgs/{org}/incidents/{number}/subscribe")
    String subscribe(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String email,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            IncidentComms.Subscribed s = comms.subscribe(actor, org, number, email);
            return s.added() ? s.subscriber().email() + " gets this incident's status updates by email."
                    : s.subscriber().email() + " was subscribed already.";
        });
    }

    @PostMapping("/orgs/{org}/incidents/{number}/unsubscribe")
    String unsubscribe(Actor actor, @PathVariable String org, @PathVariable String number, @RequestParam(required = false) String email,
            RedirectAttributes redirect) {
        return act(org, number, redirect, () -> {
            comms.unsubscribe(actor, org, number, email);
            return (email == null || email.isBlank() ? "You no longer get" : email.strip() + " no longer gets")
                    + " this incident's status updates.";
        });
    }

    private interface Action {
        String run();
    }

    /** Runs an action and goes back to the incident's communication panel with what it did, or why it did nothing. */
    private static String act(String org, String number, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (ConflictException | InvalidInputException | NotFoundException e) {
            String m = FormErrors.from(e, null).global();
            redirect.addFlashAttribute("alert", m == null || m.isEmpty() ? "That did not work." : m.endsWith(".") ? m : m + ".");
        }
        return "redirect:/orgs/" + org + "/incidents/" + number + "#updates";
    }

    private static String id(Long id) {
        return id == null ? "" : id.toString();
    }

    private static Long number(String s) {
        return s == null || !s.strip().matches("[0-9]{1,18}") ? null : Long.valueOf(s.strip());
    }
}
