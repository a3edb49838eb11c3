package io.bugmaster.monitors.sources.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceAdmin;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
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
 * The organization's data sources page: the list with each one's last connection test, a form to
 * add one (admins and owners), and per data source a page to change it, test its connection (the
 * probe's answer is shown as it came) and delete it.
 */
@UiController
@RequestMapping("/orgs/{org}/settings/data-sources")
class DataSourcePages {
    private static final String[] FIELDS = {"name", "kind", "url", "username", "password"};

    private final DataSourceAdmin sources;

    DataSourcePages(DataSourceAdmin sources) {
        this.sources = sources;
    }

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org) {
        return listPage(actor, org, Map.of(), FormErrors.NONE);
    }

    @PostMapping({"", "/"})
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            DataSource created = sources.create(actor, org, new DataSourceAdmin.NewDataSource(form.get("name"), form.get("kind"),
                    form.get("url"), form.get("username"), form.get("password")));
            redirect.addFlashAttribute("notice", "Data source '" + created.name() + "' added. Test its connection to check it.");
            return new ModelAndView("redirect:" + base(org) + "/" + created.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(listPage(actor, org, form, FormErrors.from(e, "name", FIELDS)));
        }
    }

    @GetMapping({"/{id}", "/{id}/"})
    ModelAndView show(Actor actor, @PathVariable String org, @PathVariable String id) {
        return sourcePage(actor, org, id, Map.of(), FormErrors.NONE);
    }

    /** Saves the name, URL and user; a password left empty keeps the stored one, "remove password" drops it. */
    @PostMapping("/{id}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        String password = form.containsKey("remove_password") ? "" : blankToNull(form.get("password"));
        try {
            DataSource saved = sources.update(actor, org, id, new DataSourceAdmin.DataSourceChange(form.getOrDefault("name", ""),
                    form.getOrDefault("url", ""), form.getOrDefault("username", ""), password));
            redirect.addFlashAttribute("notice", "Data source '" + saved.name() + "' saved.");
            return new ModelAndView("redirect:" + base(org) + "/" + saved.id());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(sourcePage(actor, org, id, form, FormErrors.from(e, "name", FIELDS)));
        }
    }

    @PostMapping("/{id}/test")
    String test(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        DataSourceAdmin.TestResult result = sources.test(actor, org, id);
        if (result.ok()) {
            redirect.addFlashAttribute("notice", "Connection works.");
        } else {
            redirect.addFlashAttribute("alert", "Connection failed: " + result.error());
        }
        return "redirect:" + base(org) + "/" + id;
    }

    @PostMapping("/{id}/delete")
    ModelAndView delete(Actor actor, @PathVariable String org, @PathVariable String id, RedirectAttributes redirect) {
        String name = sources.get(actor, org, id).name();
        try {
            sources.delete(actor, org, id);
        } catch (ConflictException e) {
            return rejected(sourcePage(actor, org, id, Map.of(), FormErrors.from(e, null)));
        }
        redirect.addFlashAttribute("notice", "Data source '" + name + "' deleted.");
        return new ModelAndView("redirect:" + base(org));
    }

    private ModelAndView listPage(Actor actor, String org, Map<String, String> form, FormErrors errors) {
        ModelAndView mav = new ModelAndView("datasources/list");
        mav.addObject("section", "settings");
        mav.addObject("sources", sources.list(actor, org));
        mav.addObject("manage", sources.canManage(actor, org));
        mav.addObject("form", form);
        mav.addObject("errors", errors);
        mav.addObject("base", base(org));
        return mav;
    }

    private ModelAndView sourcePage(Actor actor, String org, String id, Map<String, String> form, FormErrors errors) {
        ModelAndView mav = new ModelAndView("datasources/source");
        DataSource ds = sources.get(actor, org, id);
        mav.addObject("section", "settings");
        mav.addObject("ds", ds);
        mav.addObject("usedBy", sources.usedBy(ds));
        mav.addObject("manage", sources.canManage(actor, org));
        mav.addObject("form", form);
        mav.addObject("errors", errors);
        mav.addObject("base", base(org));
        return mav;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String base(String org) {
        return "/orgs/" + org + "/settings/data-sources";
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(HttpStatusCode.valueOf(422));
        return mav;
    }
}
