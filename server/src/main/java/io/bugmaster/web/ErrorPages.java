package io.bugmaster.web;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what a page handler throws into a page that says what happened and what to do next.
 * Never a stack trace: unexpected errors are logged and shown as a plain 500 page.
 */
@ControllerAdvice(annotations = UiController.class)
public class ErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final ObjectProvider<LayoutModel> layout;

    public ErrorPages(ObjectProvider<LayoutModel> layout) {
        this.layout = layout;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, "Not found", e.getMessage(),
                "Check the address, or go back to your projects.");
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e, HttpServletRequest request) {
        String hint = layout.orderedStream().map(l -> l.forbiddenHint(e.getMessage())).filter(Objects::nonNull)
                .findFirst().orElse("Ask an owner or admin of the organization for a role that allows this.");
        return page(request, HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), hint);
    }

    /** Input errors a form did not catch itself (for example a button posted from a stale page). */
    @ExceptionHandler({InvalidInputException.class, ConflictException.class})
    ModelAndView rejected(RuntimeException e, HttpServletRequest request) {
        HttpStatus status = e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return page(request, status, "That did not work", e.getMessage(), "Go back, correct the form and try again.");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, "Bad request", "The request was incomplete or malformed.",
                "Go back, reload the page and try again.");
    }

    /** A query string or form whose percent-encoding is broken, or a form past the size limit. */
    @ExceptionHandler(InvalidParameterException.class)
    ModelAndView badParameters(InvalidParameterException e, HttpServletRequest request) {
        if (e.getErrorCode() == HttpStatus.PAYLOAD_TOO_LARGE.value()) {
            return page(request, HttpStatus.PAYLOAD_TOO_LARGE, "Too large", "The form sent more data than the server accepts.",
                    "Go back, shorten what you entered and try again.");
        }
        return page(request, HttpStatus.BAD_REQUEST, "Bad request",
                "The address or the form has a broken encoding (a % not followed by two hexadecimal digits, or text that is not UTF-8).",
                "Go back, reload the page and try again.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e; // Spring Security's filters turn these into a login redirect or a 403
        }
        if (e instanceof org.springframework.web.ErrorResponse response && !response.getStatusCode().is5xxServerError()) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return page(request, status == null ? HttpStatus.BAD_REQUEST : status, "That did not work",
                    "The request could not be handled (" + response.getStatusCode().value() + ").",
                    "Go back, reload the page and try again.");
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "Bugmaster hit an unexpected error while handling this page. It has been logged.",
                "Try again in a moment; if it keeps happening, ask your admin to look at the server log.");
    }

    private ModelAndView page(HttpServletRequest request, HttpStatus status, String title, String message, String next) {
        ModelAndView mav = new ModelAndView("error/page", status);
        mav.addObject("status", status.value());
        mav.addObject("title", title);
        mav.addObject("message", message);
        mav.addObject("next", next);
        layout.orderedStream().forEach(l -> {
            try {
                l.contribute(request, mav.getModel());
            } catch (RuntimeException ignored) {
                // the layout is a nicety on an error page; never fail the error page because of it
            }
        });
        return mav;
    }
}
