package io.bugmaster.web.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors on {@code /api} paths that bypass the API's own handlers: a request the security firewall
 * refuses (a {@code ..}, {@code ;} or encoded {@code /} in the URL, an unknown method), and anything
 * that reaches the servlet container's error page ({@code /error}), such as a TRACE request or an
 * exception thrown by a filter. They answer {@code {"detail": ...}} like every other API error,
 * never Spring Boot's error JSON or an HTML page.
 */
@Configuration(proxyBeanMethods = false)
public class ApiErrorPages {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,20})\"");

    @Bean
    FilterRegistrationBean<HttpFilter> apiErrorDispatch(JsonMapper json) {
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
                if (!(uri instanceof String path) || !ApiPaths.isApi(path.substring(request.getContextPath().length()))
                        || response.isCommitted()) {
                    chain.doFilter(request, response);
                    return;
                }
                Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
                int status = code instanceof Integer i ? i : 500;
                ApiRoutingErrors.write(response, request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e
                        ? ApiErrors.describe(e, request) : new ApiError(status, ApiErrors.forStatus(status)), json);
            }
        });
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Used by Spring Security's filter chain for every request its firewall refuses. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        RequestRejectedHandler pages = new HttpStatusRequestRejectedHandler();
        return (request, response, rejected) -> {
            if (RequestSizeLimitFilter.isApi(request)) {
                ApiRoutingErrors.write(response, new ApiError(400, rejectedDetail(rejected)), json);
            } else {
                pages.handle(request, response, rejected);
            }
        };
    }

    /** What the firewall objected to, in the client's terms. */
    static String rejectedDetail(RequestRejectedException rejected) {
        String message = rejected.getMessage() == null ? "" : rejected.getMessage();
        Matcher quoted = QUOTED.matcher(message);
        String what = quoted.find() ? quoted.group(1) : null;
        if (message.contains("HTTP method") && what != null) {
            return "HTTP method " + what + " is not supported";
        }
        if (message.contains("malicious String") && what != null) {
            return "the URL is not allowed: it contains \"" + what + "\", which could change the path it names";
        }
        if (message.contains("not normalized")) {
            return "the URL is not allowed: it is not normalized (it contains /./, /../ or //)";
        }
        if (message.contains("printable ASCII")) {
            return "the URL, a header or a parameter has a character that is not printable ASCII";
        }
        return "the request was refused: the URL or a header has a character or sequence that is not allowed";
    }
}
