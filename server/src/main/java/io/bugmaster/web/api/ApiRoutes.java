package io.bugmaster.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The paths the REST API answers, from the {@link ApiController} mappings. A request to any other
 * path under {@code /api} is a 404 for everyone, with or without a token; a request to one of these
 * paths needs authentication first, whatever the organization, project or id in it, so an
 * anonymous caller learns nothing about which of them exist.
 */
@Component
public class ApiRoutes {
    private final RequestMappingHandlerMapping mappings;
    private volatile List<PathPattern> patterns;

    public ApiRoutes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /** Whether no API endpoint has this request's path (for any method). */
    public boolean isUnknown(HttpServletRequest request) {
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
        return patterns().stream().noneMatch(pattern -> pattern.matches(path));
    }

    private List<PathPattern> patterns() {
        List<PathPattern> known = patterns;
        if (known == null) {
            // read on first use: the handler mappings are complete only once the context has started
            known = mappings.getHandlerMethods().entrySet().stream()
                    .filter(entry -> isApi(entry.getValue()))
                    .flatMap(entry -> entry.getKey().getPathPatternsCondition().getPatterns().stream())
                    .distinct().toList();
            patterns = known;
        }
        return known;
    }

    private static boolean isApi(HandlerMethod handler) {
        return handler.getBeanType().isAnnotationPresent(ApiController.class);
    }
}
