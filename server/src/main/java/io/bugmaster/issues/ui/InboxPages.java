package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.web.UiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Inbox zero: new and regressed issues nobody has reviewed yet, and "mark reviewed" for one or all shown. */
@UiController
class InboxPages {
    static final int PAGE_SIZE = 25;

    private final IssueQueries queries;
    private final IssueChanges changes;

    InboxPages(IssueQueries queries, IssueChanges changes) {
        this.queries = queries;
        this.changes = changes;
    }

    @GetMapping("/orgs/{org}/inbox")
    ModelAndView inbox(Actor actor, @PathVariable String org, @RequestParam(defaultValue = "0") int offset) {
        IssueQueries.Inbox inbox = queries.inbox(actor, org, "24h", Math.max(0, offset), PAGE_SIZE);
        ModelAndView mav = new ModelAndView("issues/inbox");
        mav.addObject("section", "inbox");
        mav.addObject("inboxCount", inbox.count());
        mav.addObject("bugmasters", inbox.bugmasters());
        mav.addObject("me", actor.userId());
        mav.addObject("page", inbox.page());
        mav.addObject("rows", inbox.page().items().stream()
                .map(v -> new IssueStreamPages.Row(v, Sparkline.area(v.stats(), IssueStreamPages.SPARK_WIDTH,
                        IssueStreamPages.SPARK_HEIGHT), Sparkline.total(v.stats()),
                        v.assignee() != null && "user".equals(v.assignee().type()) && v.assignee().id() == actor.userId()))
                .toList());
        mav.addObject("sparkWidth", IssueStreamPages.SPARK_WIDTH);
        mav.addObject("sparkHeight", IssueStreamPages.SPARK_HEIGHT);
        return mav;
    }

    @PostMapping("/orgs/{org}/inbox/reviewed")
    String markReviewed(Actor actor, @PathVariable String org, @RequestParam(name = "id", required = false) List<String> ids,
            RedirectAttributes redirect) {
        try {
            int n = changes.markReviewed(actor, org, ids);
            redirect.addFlashAttribute("notice", "Marked " + n + (n == 1 ? " issue" : " issues") + " reviewed.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:/orgs/" + org + "/inbox";
    }
}
