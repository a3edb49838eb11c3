package io.bugmaster.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Fills the layout's model for every page a {@link UiController} renders (not for redirects). */
@Configuration(proxyBeanMethods = false)
public class LayoutInterceptor implements HandlerInterceptor {
    private final ObjectProvider<LayoutModel> contributors;

    public LayoutInterceptor(ObjectProvider<LayoutModel> contributors) {
        this.contributors = contributors;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null || !(handler instanceof HandlerMethod method)
                || !method.getBeanType().isAnnotationPresent(UiController.class)) {
            return;
        }
        String view = mav.getViewName();
        if (view == null || view.startsWith("redirect:") || view.startsWith("forward:")) {
            return;
        }
        contributors.orderedStream().forEach(c -> c.contribute(request, mav.getModel()));
    }

    @Bean
    WebMvcConfigurer layoutInterceptorRegistration() {
        LayoutInterceptor interceptor = this;
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).excludePathPatterns("/static/**", "/webjars/**", "/api/**");
            }
        };
    }
}
