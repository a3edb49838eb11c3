package io.bugmaster.ingest.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ui.ProjectSettingsPage;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.grouping.FingerprintPreview;
import io.bugmaster.ingest.FingerprintPreviews;
import io.bugmaster.ingest.StackTracePreview;
import io.bugmaster.ingest.StackTracePreviews;
import io.bugmaster.web.UiController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The rule previews of a project's settings page: typed (unsaved) fingerprint and stack trace rules
 * on one of the project's stored events. Ingest owns them, as it applies the rules; the page is
 * accounts' (see {@link ProjectSettingsPage}).
 */
@UiController
@RequestMapping("/orgs/{org}/projects")
class RulePreviewPages {
    private final FingerprintPreviews previews;
    private final StackTracePreviews stackTracePreviews;
    private final ProjectSettingsPage settingsPage;

    RulePreviewPages(FingerprintPreviews previews, StackTracePreviews stackTracePreviews, ProjectSettingsPage settingsPage) {
        this.previews = previews;
        this.stackTracePreviews = stackTracePreviews;
        this.settingsPage = settingsPage;
    }

    /**
     * "Test against this event": the typed (unsaved) rules on one of the project's events. An htmx
     * request gets the result fragment; a plain form post gets the settings page with the result
     * and the typed rules.
     */
    @PostMapping("/{project}/fingerprint-preview")
    ModelAndView fingerprintPreview(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String previewEvent, @RequestParam(required = false) String previewEventId,
            @RequestParam(required = false) String fingerprintingRules,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        String eventId = previewEventId != null && !previewEventId.isBlank() ? previewEventId : previewEvent;
        FingerprintPreview.Result result = null;
        String error = null;
        try {
            result = previews.preview(actor, org, project, eventId, fingerprintingRules);
        } catch (InvalidInputException | NotFoundException | ForbiddenException e) {
            // answered with 200 and the reason: a failed htmx request would make app.js post the whole
            // form, which is the ingestion form and would save the draft rules
            error = e.getMessage();
        }
        ModelAndView mav;
        if (htmx != null) {
            mav = new ModelAndView("projects/fingerprint-preview :: result");
        } else {
            mav = settingsPage.withTypedRules(actor, org, project, fingerprintingRules == null ? "" : fingerprintingRules, null);
        }
        mav.addObject("preview", result);
        mav.addObject("previewError", error);
        mav.addObject("previewEventId", eventId == null ? "" : eventId.strip());
        return mav;
    }

    /** "Test against this event" for the typed (unsaved) stack trace rules: which frames they make in-app, and why. */
    @PostMapping("/{project}/stack-trace-preview")
    ModelAndView stackTracePreview(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(required = false) String previewEvent, @RequestParam(required = false) String previewEventId,
            @RequestParam(required = false) String groupingEnhancements,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        String eventId = previewEventId != null && !previewEventId.isBlank() ? previewEventId : previewEvent;
        StackTracePreview.Result result = null;
        String error = null;
        try {
            result = stackTracePreviews.preview(actor, org, project, eventId, groupingEnhancements);
        } catch (InvalidInputException | NotFoundException | ForbiddenException e) {
            // 200 with the reason, as for the fingerprint preview: a failed htmx request would post (save) the whole form
            error = e.getMessage();
        }
        ModelAndView mav;
        if (htmx != null) {
            mav = new ModelAndView("projects/stack-trace-preview :: result");
        } else {
            mav = settingsPage.withTypedRules(actor, org, project, null, groupingEnhancements == null ? "" : groupingEnhancements);
        }
        mav.addObject("stackPreview", result);
        mav.addObject("stackPreviewError", error);
        mav.addObject("previewEventId", eventId == null ? "" : eventId.strip());
        return mav;
    }
}
