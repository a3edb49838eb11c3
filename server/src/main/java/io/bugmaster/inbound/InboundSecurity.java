package io.bugmaster.inbound;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The receivers authenticate each request by its integration key, so their paths take no session,
 * no login and no CSRF token (senders are machines). Ordered between the API's chain and the web UI's.
 */
@Configuration(proxyBeanMethods = false)
class InboundSecurity {
    @Bean
    @Order(2)
    SecurityFilterChain inboundChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v2/**", "/inbound/**")
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
