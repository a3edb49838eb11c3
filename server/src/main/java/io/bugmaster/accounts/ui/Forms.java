package io.bugmaster.accounts.ui;

import io.bugmaster.common.InvalidInputException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

/** Small parsing helpers shared by the account pages. */
final class Forms {
    /** The status of a page re-rendered because its form was rejected. */
    static final HttpStatusCode REJECTED = HttpStatusCode.valueOf(422);

    private Forms() {}

    /** Blank form values count as absent. */
    static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Integer optionalInt(String field, String value) {
        String v = trimToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    /** A number from a query parameter, or null when absent or not a number. */
    static Integer optionalIntOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(REJECTED);
        return mav;
    }

    static String redirect(String path) {
        return "redirect:" + path;
    }
}
