package io.bugmaster.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors under /api that happen before any {@link ApiController} is chosen (no such path,
 * method not allowed) or in a handler that is not ours (the OpenAPI document): the same
 * {@code {"detail": ...}} shape instead of the HTML or Spring Boot error pages.
 */
@Component
public class ApiRoutingErrors implements HandlerExceptionResolver, Ordered {
    private final JsonMapper json;

    public ApiRoutingErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        if (!RequestSizeLimitFilter.isApi(request) || handledByAdvice(handler) || response.isCommitted()) {
            return null;
        }
        ApiError error = ApiErrors.describe(e, request);
        try {
            write(response, error, json);
        } catch (IOException writeFailed) {
            return null;
        }
        return new ModelAndView();
    }

    private static boolean handledByAdvice(Object handler) {
        return handler instanceof HandlerMethod method && method.getBeanType().isAnnotationPresent(ApiController.class);
    }

    static void write(HttpServletResponse response, ApiError error, JsonMapper json) throws IOException {
        response.resetBuffer();
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(error.body()));
        response.flushBuffer();
    }
}
