package io.bugmaster.monitors.cron;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Jobs check in with the address alone (a ping UUID, a ping key, a DSN public key in the URL): no
 * session, no login, no CSRF token. Ordered before the REST API's chain, which would ask for a token
 * on Sentry's {@code /api/<project>/cron/...}.
 */
@Configuration(proxyBeanMethods = false)
class CronSecurity {
    @Bean
    @Order(0)
    SecurityFilterChain cronCheckInChain(HttpSecurity http) throws Exception {
        http.securityMatcher((RequestMatcher) request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/ping/") || SentryCheckInPaths.matches(path);
        })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .httpStrictTransportSecurity(hsts -> hsts.disable()));
        return http.build();
    }
}
