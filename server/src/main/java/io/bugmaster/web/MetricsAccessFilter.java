package io.bugmaster.web;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prometheus metrics are open when BUGMASTER_METRICS_TOKEN is unset (a scraper on the same
 * network), and need {@code Authorization: Bearer <token>} when it is set.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsAccessFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> metricsTokenFilter(BugmasterProperties props) {
        String token = props.metricsToken();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? header.substring(7).trim() : null;
                if (token != null && !token.isBlank() && !Secrets.constantTimeEquals(token, presented)) {
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("metrics need Authorization: Bearer <BUGMASTER_METRICS_TOKEN>\n");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/actuator/prometheus");
        registration.setName("metricsTokenFilter");
        return registration;
    }
}
