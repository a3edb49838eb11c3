package io.bugmaster.web.api;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns any exception raised while serving an API request into a status and a {@code detail}
 * message that is safe to show: it names what the client got wrong and never carries parser
 * internals, class names or stack traces. Anything unexpected is a logged 500.
 */
public final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([A-Za-z0-9_.-]{1,40})\\]");

    private ApiErrors() {}

    public static ApiError describe(Throwable e, HttpServletRequest request) {
        if (e instanceof InvalidInputException) {
            return new ApiError(400, e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return new ApiError(404, e.getMessage());
        }
        if (e instanceof ForbiddenException) {
            return new ApiError(403, e.getMessage());
        }
        if (e instanceof ConflictException) {
            return new ApiError(409, e.getMessage());
        }
        if (e instanceof AuthenticationException) {
            return new ApiError(401, "Authentication credentials were not provided or are invalid: send Authorization: Bearer <token>");
        }
        if (e instanceof AccessDeniedException) {
            return new ApiError(403, "You do not have permission to perform this action.");
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            String type = unsupported.getContentType() == null ? "none" : unsupported.getContentType().toString();
            return new ApiError(415, "unsupported media type '" + type + "': send the body as " + MediaType.APPLICATION_JSON_VALUE);
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return new ApiError(406, "this endpoint answers only with " + MediaType.APPLICATION_JSON_VALUE);
        }
        if (e instanceof HttpRequestMethodNotSupportedException notAllowed) {
            String allowed = notAllowed.getSupportedHttpMethods() == null ? "" : notAllowed.getSupportedHttpMethods().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new ApiError(405, "method " + notAllowed.getMethod() + " is not allowed here"
                    + (allowed.isEmpty() ? "" : "; allowed: " + allowed), allowed.isEmpty() ? Map.of() : Map.of("Allow", allowed));
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return new ApiError(404, "there is no API endpoint at " + request.getRequestURI());
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return new ApiError(400, missing.getParameterName() + ": is required");
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            return new ApiError(400, mismatch.getName() + ": expected " + expected(mismatch.getRequiredType()));
        }
        if (find(e, BodyTooLargeException.class) != null) {
            return tooLarge();
        }
        InvalidParameterException parameter = find(e, InvalidParameterException.class);
        if (parameter != null) {
            return badParameters(parameter);
        }
        if (find(e, BodyTimeoutException.class) != null) {
            return tooSlow(find(e, BodyTimeoutException.class));
        }
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return new ApiError(response.getStatusCode().value(), status == null ? "bad request" : status.getReasonPhrase());
        }
        log.error("unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return new ApiError(500, "internal error");
    }

    /** The query string or form body could not be decoded into parameters (Tomcat refuses them all). */
    static ApiError badParameters(InvalidParameterException e) {
        if (e.getErrorCode() == 413) {
            return new ApiError(413, "the form body is larger than the server accepts; send JSON instead");
        }
        Matcher name = PARAMETER_NAME.matcher(e.getMessage() == null ? "" : e.getMessage());
        return new ApiError(400, (name.find() ? "parameter '" + name.group(1) + "'" : "a query parameter")
                + " is not valid: use percent-encoded UTF-8 (%C3%A9 for é, %25 for %)");
    }

    /** The detail of an error known only by its status (the container's error page gives nothing more). */
    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "Authentication credentials were not provided or are invalid: send Authorization: Bearer <token>";
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "not found";
            case 405 -> "this HTTP method is not allowed here";
            case 413 -> tooLarge().detail();
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield status >= 500 || known == null ? "internal error" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
            }
        };
    }

    static ApiError tooLarge() {
        return new ApiError(413, "request body is larger than the limit of " + RequestSizeLimitFilter.MAX_BODY_BYTES
                + " bytes (1 MB)");
    }

    /** 408, and the connection is closed: the rest of the body is not worth waiting for. */
    static ApiError tooSlow(BodyTimeoutException e) {
        return new ApiError(408, e.getMessage(), Map.of("Connection", "close"));
    }

    private static ApiError unreadable(HttpMessageNotReadableException e) {
        if (find(e, BodyTooLargeException.class) != null) {
            return tooLarge();
        }
        if (find(e, BodyTimeoutException.class) != null) {
            return tooSlow(find(e, BodyTimeoutException.class));
        }
        InvalidInputException invalid = find(e, InvalidInputException.class);
        if (invalid != null) {
            return new ApiError(400, invalid.getMessage());
        }
        JacksonException json = find(e, JacksonException.class);
        if (json == null) {
            return new ApiError(400, "request body is missing or empty: send a JSON object");
        }
        String field = path(json);
        if (json instanceof UnrecognizedPropertyException) {
            return new ApiError(400, "unknown field '" + field + "'");
        }
        if (json instanceof ValueInstantiationException) {
            return new ApiError(400, field.isEmpty() ? "request body has invalid values" : "field '" + field + "': invalid value");
        }
        if (json instanceof MismatchedInputException mismatch) {
            if (field.isEmpty()) {
                return new ApiError(400, "request body must be a JSON object");
            }
            return new ApiError(400, "field '" + field + "': expected " + expected(mismatch.getTargetType()));
        }
        if (json instanceof InputCoercionException) {
            return new ApiError(400, "field '" + field + "': number is out of range");
        }
        if (json instanceof StreamReadException) {
            return new ApiError(400, "request body is not valid JSON: " + clean(json.getOriginalMessage()) + where(json.getLocation()));
        }
        return new ApiError(400, "request body could not be read as JSON");
    }

    /** The JSON path of the offending value, such as {@code rateLimit.count} or {@code teams[2]}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time such as 2030-01-31T12:00:00Z";
        }
        return "an object";
    }

    /** Drops the parser's source description, which says nothing to a client. */
    private static String clean(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String cleaned = message.replaceAll("\\s*\\(?(start marker )?at \\[Source:.*$", "").replaceAll("\\s+", " ").strip();
        return cleaned.isEmpty() ? "unreadable input" : cleaned;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
