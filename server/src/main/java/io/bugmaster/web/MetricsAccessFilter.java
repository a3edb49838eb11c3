package io.bugmaster.web;

import io.bugmaster.common.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prometheus metrics are open when BUGMASTER_METRICS_TOKEN is unset (a scraper on the same
 * network), and need {@code Authorization: Bearer <token>} when it is set.
 */
public class MetricsAccessFilter extends OncePerRequestFilter {
    private final String token;

    public MetricsAccessFilter(String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token != null) {
            String header = request.getHeader("Authorization");
            String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
            if (!Secrets.constantTimeEquals(token, presented)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer");
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("metrics need Authorization: Bearer <BUGMASTER_METRICS_TOKEN>\n");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
