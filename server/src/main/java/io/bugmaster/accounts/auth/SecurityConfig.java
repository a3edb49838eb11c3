package io.bugmaster.accounts.auth;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ApiTokens;
import io.bugmaster.accounts.UserStore;
import io.bugmaster.web.LoginThrottle;
import io.bugmaster.web.api.ApiRoutes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Two ways in: the REST API under /api/ takes bearer tokens only (no cookies, so no CSRF), and
 * the web UI takes a session from the login form, with CSRF on every form.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, ApiRoutes routes) throws Exception {
        // every /api path that ingestion did not take: /api/0/ and any path that is no API at all
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/0/", "/api/0/openapi.json").permitAll()
                        // no endpoint there: a 404 for everyone (real endpoints need a token whatever their ids)
                        .requestMatchers(routes::isUnknown).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> json(response, 401,
                                "Authentication credentials were not provided or are invalid: send Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, ex) -> json(response, 403,
                                "You do not have permission to perform this action.")))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        // the server itself sets HSTS, on every answer, when the base URL is https (ServerConfig)
                        .httpStrictTransportSecurity(hsts -> hsts.disable()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, LoginThrottle loginThrottle, UserStore users) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // accepting an invitation for an existing account needs that account's login
                        .requestMatchers("/accept/*/login", "/accept/*/join").authenticated()
                        .requestMatchers("/login", "/setup/**", "/accept/**", "/password-reset", "/password-reset/*", "/actions/*", "/incident-actions/*",
                                // an iCalendar feed: its secret token is the key (a calendar app has no session)
                                "/calendar/*",
                                "/static/**",
                                "/webjars/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus").permitAll()
                        .anyRequest().authenticated())
                // an action link's button acts on the link's token alone, never a session's authority (ActionLinkPages, IncidentLinkPages)
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actions/*", "/incident-actions/*"))
                .addFilterAfter(new SessionGenerationFilter(users), SecurityContextHolderFilter.class)
                .addFilterBefore(loginThrottle.filter(), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(loginThrottle.successHandler())
                        .failureHandler(loginThrottle.failureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.disable()));
        return http.build();
    }

    @Bean
    WebMvcConfigurer actorArguments() {
        // the caller comes from the token, not from the query: keep it out of the OpenAPI document
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver());
            }
        };
    }

    static void json(jakarta.servlet.http.HttpServletResponse response, int status, String detail) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String escaped = detail.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"detail\":\"" + escaped + "\"}");
    }
}
