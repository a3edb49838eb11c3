package io.bugmaster.web.api;

import io.bugmaster.common.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives a list handler its {@link PageRequest} parameter from the query ({@code cursor}, and the page
 * size as {@code per_page} or {@code limit}), so every paginated endpoint reads the same parameters
 * the same way and refuses a bad value with 400.
 */
@Configuration(proxyBeanMethods = false)
public class PageRequestResolver implements HandlerMethodArgumentResolver {
    static final List<String> PARAMETERS = List.of("cursor", "per_page", "limit");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageRequest.class;
    }

    @Override
    public PageRequest resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
        return Paging.parse(single(http, "cursor"), single(http, "per_page"), single(http, "limit"));
    }

    /** A parameter given twice (per_page=10&per_page=50) has no one meaning: refuse it rather than pick one. */
    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw new InvalidInputException(name, "is given " + values.length + " times; give it once");
        }
        return values[0];
    }

    @Bean
    WebMvcConfigurer pageRequestArguments() {
        PageRequestResolver resolver = this;
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
