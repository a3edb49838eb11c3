package io.bugmaster.web.api;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sentry's cursor pagination: {@code ?cursor=value:offset:is_prev&per_page=N} (or {@code limit=N}), answered with a
 * {@code Link} header that carries the previous and next cursors and whether they have results.
 * Bugmaster's lists are ordered by a unique key, so the offset alone locates a page; the value
 * part is always 0.
 */
@Component
public class Paging {
    public static final int DEFAULT_PER_PAGE = 100;
    public static final int MAX_PER_PAGE = 100;
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,18}):(\\d{1,9}):([01])");

    private final String baseUrl;

    public Paging(BugmasterProperties props) {
        this.baseUrl = props.baseUrlTrimmed();
    }

    /**
     * Parses the {@code cursor} query parameter and the page size, given as {@code per_page} (Sentry's
     * name on every list) or {@code limit} (Sentry's name on the issue lists); any may be null.
     */
    public static PageRequest parse(String cursor, String perPage, String limit) {
        if (perPage != null && limit != null && !perPage.strip().equals(limit.strip())) {
            throw new InvalidInputException("per_page", "and limit both set the page size and disagree ("
                    + perPage.strip() + " and " + limit.strip() + "): give one of them");
        }
        int size = DEFAULT_PER_PAGE;
        if (perPage != null) {
            size = size("per_page", perPage);
        } else if (limit != null) {
            size = size("limit", limit);
        }
        int offset = 0;
        if (cursor != null && !cursor.isBlank()) {
            // sentry-cli asks for the first page with an empty cursor=
            Matcher m = CURSOR.matcher(cursor.strip());
            if (!m.matches()) {
                throw new InvalidInputException("cursor", "must look like 0:100:0 (value:offset:is_prev), as given in the Link header");
            }
            offset = Integer.parseInt(m.group(2));
        }
        return new PageRequest(offset, size);
    }

    private static int size(String name, String value) {
        int size;
        try {
            size = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be an integer between 1 and " + MAX_PER_PAGE + ", got '"
                    + shorten(value) + "'");
        }
        if (size < 1 || size > MAX_PER_PAGE) {
            throw new InvalidInputException(name, "must be between 1 and " + MAX_PER_PAGE + ", got " + size);
        }
        return size;
    }

    private static String shorten(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    /** One page cut from a list that the domain returns whole (a project's keys, a team's projects). */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.perPage() + 1, all.size());
        return Page.of(all.subList(from, to), request.offset(), request.perPage());
    }

    /** A 200 answer with the rendered page and its Link header. */
    public <T, R> ResponseEntity<List<R>> respond(HttpServletRequest request, Page<T> page, Function<T, R> render) {
        List<R> body = new ArrayList<>(page.items().size());
        page.items().forEach(item -> body.add(render.apply(item)));
        return ResponseEntity.ok().header("Link", link(request, page)).body(body);
    }

    String link(HttpServletRequest request, Page<?> page) {
        String url = baseUrl + request.getRequestURI().substring(request.getContextPath().length());
        String otherParams = otherParams(request.getQueryString());
        int prevOffset = Math.max(0, page.offset() - page.limit());
        String prev = "0:" + prevOffset + ":1";
        String next = "0:" + ((long) page.offset() + page.limit()) + ":0";
        return part(url, otherParams, prev, "previous", page.offset() > 0) + ", "
                + part(url, otherParams, next, "next", page.hasMore());
    }

    private static String part(String url, String otherParams, String cursor, String rel, boolean results) {
        return "<" + url + "?" + otherParams + "cursor=" + cursor + ">; rel=\"" + rel + "\"; results=\"" + results
                + "\"; cursor=\"" + cursor + "\"";
    }

    /** The query without its cursor, ending in {@code &} when not empty. */
    private static String otherParams(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String param : query.split("&")) {
            if (!param.isEmpty() && !param.startsWith("cursor=") && !param.equals("cursor")) {
                kept.append(param).append('&');
            }
        }
        return kept.toString();
    }
}
