package io.bugmaster.web.api;

import io.bugmaster.common.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refuses a query parameter that the endpoint does not take, with a 400 that names it and lists the ones it
 * does take: a misspelt filter ({@code enviroment=}) or one of Sentry's that Bugmaster does not have
 * ({@code status=} on a bulk change) would otherwise be ignored, and the answer, or the change, would
 * cover more issues than asked for. An endpoint takes its {@code @RequestParam}s, and the page parameters
 * when it is a list; {@link #HARMLESS} are Sentry's parameters that only shape an answer and are accepted everywhere.
 */
@Configuration(proxyBeanMethods = false)
public class QueryParameterCheck implements HandlerInterceptor {
    /** Sentry's analytics label and its answer-shaping lists: nothing to honour, nothing lost by ignoring them. */
    static final Set<String> HARMLESS = Set.of("referrer", "expand", "collapse");

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().isAnnotationPresent(ApiController.class)
                || request.getQueryString() == null) {
            return true;
        }
        // the container decodes the parameters first, so a broken encoding is refused as such (ApiErrors) before a name is judged
        request.getParameterMap();
        Set<String> takes = known.computeIfAbsent(method.getMethod(), m -> parameters(method));
        for (String name : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams().keySet()) {
            String decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            if (!decoded.isEmpty() && !takes.contains(decoded) && !HARMLESS.contains(decoded)) {
                throw new InvalidInputException(shorten(decoded), takes.isEmpty()
                        ? "this endpoint takes no query parameters"
                        : "not a parameter of this endpoint, which takes " + String.join(", ", new TreeSet<>(takes)));
            }
        }
        return true;
    }

    static Set<String> parameters(HandlerMethod method) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodParameter p : method.getMethodParameters()) {
            if (p.getParameterType() == PageRequest.class) {
                names.addAll(PageRequestResolver.PARAMETERS);
            }
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : param.value();
                if (name.isEmpty()) {
                    p.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                    name = p.getParameterName();
                }
                names.add(name);
            }
        }
        return Set.copyOf(names);
    }

    private static String shorten(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    @Bean
    WebMvcConfigurer queryParameterCheckRegistration() {
        QueryParameterCheck check = this;
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(check).addPathPatterns("/api/0/**");
            }
        };
    }
}
