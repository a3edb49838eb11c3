package io.bugmaster.slack.inbound;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Slack signs each request to {@code /slack/commands}, {@code /slack/interactions} and
 * {@code /slack/events} with the app's signing secret (checked by {@link SlackInboundController}):
 * no session, no login, no CSRF token. The one-time link page a person opens to connect their Slack
 * account is not under these paths: it needs their Bugmaster login.
 */
@Configuration(proxyBeanMethods = false)
class SlackSecurity {
    @Bean
    @Order(2)
    SecurityFilterChain slackChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/slack/commands", "/slack/interactions", "/slack/events")
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
