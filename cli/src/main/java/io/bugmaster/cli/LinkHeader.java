package io.bugmaster.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentry's pagination header:
 * {@code <url>; rel="previous"; results="false"; cursor="0:0:1", <url>; rel="next"; results="true"; cursor="0:100:0"}.
 * There is a next page only when the {@code rel="next"} link says {@code results="true"}.
 */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,<]+)*)");
    private static final Pattern PARAM = Pattern.compile(";\\s*([^=;\\s]+)\\s*=\\s*(\"[^\"]*\"|[^;,\\s]*)");

    private LinkHeader() {}

    /** The URL of the next page, if the header has one with results. */
    public static Optional<String> next(List<String> headerValues) {
        for (String header : headerValues) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Map<String, String> params = params(link.group(2));
                if ("next".equalsIgnoreCase(params.get("rel")) && "true".equalsIgnoreCase(params.get("results"))) {
                    return Optional.of(link.group(1).trim());
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> params(String text) {
        Map<String, String> params = new HashMap<>();
        Matcher param = PARAM.matcher(text);
        while (param.find()) {
            String value = param.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(param.group(1).toLowerCase(Locale.ROOT), value);
        }
        return params;
    }
}
