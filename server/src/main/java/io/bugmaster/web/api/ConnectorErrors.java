package io.bugmaster.web.api;

import io.bugmaster.common.PureLogic;

/**
 * The {@code detail} of an error that the HTTP server itself answers, before any handler runs: a
 * malformed request line or header, a bad percent-encoding, headers past the size limit, an HTTP
 * version or transfer encoding it does not speak. Tomcat's own wording names its internals and
 * repeats the client's input, so it is only used to tell the cases apart.
 */
@PureLogic
public final class ConnectorErrors {
    private ConnectorErrors() {}

    /**
     * @param status          the status the server answers
     * @param message         the server's message for the status, or null
     * @param cause           the message of the exception that refused the request, or null
     * @param maxHeaderBytes  the limit on the request line and headers together
     */
    public static String detail(int status, String message, String cause, int maxHeaderBytes) {
        String reason = (message == null ? "" : message) + "\n" + (cause == null ? "" : cause);
        return switch (status) {
            case 400 -> badRequest(reason, maxHeaderBytes);
            case 404 -> "not found";
            case 405 -> "this HTTP method is not allowed here";
            case 408 -> "the request took too long to arrive";
            case 411 -> "a request body needs a Content-Length or Transfer-Encoding: chunked";
            case 413 -> "the request body is larger than the server accepts";
            case 414 -> "the URL is longer than the server accepts";
            case 417 -> "the Expect header is not supported; send the body without it";
            case 431 -> headersTooLarge(maxHeaderBytes);
            case 501 -> "this Transfer-Encoding is not supported: send the body with a Content-Length or as chunked";
            case 505 -> "this HTTP version is not supported: use HTTP/1.1";
            default -> status >= 500 ? "internal error" : "the request could not be handled (HTTP " + status + ")";
        };
    }

    private static String badRequest(String reason, int maxHeaderBytes) {
        if (reason.contains("header is too large")) {
            return headersTooLarge(maxHeaderBytes);
        }
        if (reason.contains("Invalid character found in the request target")) {
            return "the URL has a character that must be percent-encoded: a space, a byte above 127 or one of \" < > \\ ^ ` { | }";
        }
        if (reason.contains("Invalid character found in method name") || reason.contains("Invalid character found in the HTTP protocol")) {
            return "the request line is not HTTP/1.1: it must be METHOD /path HTTP/1.1";
        }
        if (reason.contains("does not conform to RFC")) {
            return "a header line is malformed: a header name is a token without spaces, and a value has no control characters";
        }
        if (reason.contains("encoded slash")) {
            return "the URL has an encoded slash (%2F), which is not allowed in a path";
        }
        if (reason.contains("hexadecimal encoding is invalid")) {
            return "the URL has an invalid percent-encoding: % must be followed by two hexadecimal digits";
        }
        if (reason.contains("Invalid URI")) {
            return "the URL is not valid: it decodes to a control character, or to bytes that are not UTF-8";
        }
        return "the request is malformed: it needs exactly one Host header, a valid Content-Length, "
                + "and a URL that decodes to UTF-8";
    }

    private static String headersTooLarge(int maxHeaderBytes) {
        return "the request line and headers are larger than the limit of " + maxHeaderBytes + " bytes";
    }
}
