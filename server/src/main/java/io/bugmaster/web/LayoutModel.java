package io.bugmaster.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Adds what the shared layout shows (the user, the organization switcher, the current
 * organization) to a page's model. Implemented by the feature that owns those things, so this
 * package depends on no feature.
 */
public interface LayoutModel {
    void contribute(HttpServletRequest request, Map<String, Object> model);

    /** A sentence that tells a caller who was refused what to ask for, or null. */
    default String forbiddenHint(String message) {
        return null;
    }
}
