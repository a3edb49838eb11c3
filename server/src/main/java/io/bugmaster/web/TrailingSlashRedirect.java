package io.bugmaster.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Links sent before {@link Links} existed ended in a slash ({@code /orgs/acme/issues/42/}), and
 * they live on in inboxes, chat history and incidents: a page address under {@code /orgs/} that
 * ends in a slash is answered with a permanent redirect to the same address without it. Only
 * GET and HEAD, and only under {@code /orgs/} (the API keeps Sentry's trailing slashes, and an
 * address that starts with {@code //} could never become a redirect to another site).
 */
@Component
public class TrailingSlashRedirect extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return !read || !path.startsWith("/orgs/") || !path.endsWith("/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        int end = uri.length();
        while (end > 1 && uri.charAt(end - 1) == '/') {
            end--;
        }
        String query = request.getQueryString();
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", uri.substring(0, end) + (query == null ? "" : "?" + query));
    }
}
