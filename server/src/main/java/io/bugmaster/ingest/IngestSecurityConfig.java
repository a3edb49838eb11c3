package io.bugmaster.ingest;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The Sentry ingestion endpoints ({@code /api/<project id>/...}): no session, no CSRF (SDKs
 * authenticate each request with their DSN key, checked by the handler), and CORS open to every
 * origin, since browser SDKs post from the customer's own sites.
 */
@Configuration(proxyBeanMethods = false)
public class IngestSecurityConfig {
    static final String INGEST_PATHS = "^/api/[1-9][0-9]*/.*"; // project ids start at 1; /api/0/ is the REST API

    @Bean
    @Order(0)
    SecurityFilterChain ingestChain(HttpSecurity http) throws Exception {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "POST", "HEAD", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("X-Sentry-Error", "X-Sentry-Rate-Limits", "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);

        http.securityMatcher(RegexRequestMatcher.regexMatcher(INGEST_PATHS))
                .csrf(csrf -> csrf.disable())
                .cors(c -> c.configurationSource(source))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
