package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a receiver's HTTP answer counts: 2xx delivered; 408, 429 and 5xx temporary (retry, honouring
 * {@code Retry-After}); every other status permanent, redirects included (they are not followed:
 * a redirect to an internal address would bypass the outbound policy).
 */
@PureLogic
public final class HttpOutcomes {
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private HttpOutcomes() {}

    public static Delivered classify(String service, int status, String body, String retryAfter, String location, Instant now)
            throws DeliveryException {
        String snippet = Texts.truncate(Texts.oneLine(body), MAX_BODY_IN_MESSAGE);
        if (status >= 200 && status < 300) {
            return new Delivered(status, snippet);
        }
        String message = service + " answered HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
        if (status == 408 || status == 429 || status >= 500) {
            return throwTemporary(message, status, retryAfter(retryAfter, now));
        }
        if (status >= 300 && status < 400) {
            throw DeliveryException.permanent(service + " answered with a redirect (HTTP " + status
                    + (location == null ? "" : " to " + location) + "); redirects are not followed, use the final URL", status);
        }
        throw DeliveryException.permanent(message, status);
    }

    private static Delivered throwTemporary(String message, int status, Duration retryAfter) throws DeliveryException {
        throw DeliveryException.temporary(message, status, retryAfter);
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
