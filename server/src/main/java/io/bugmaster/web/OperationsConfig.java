package io.bugmaster.web;

import io.bugmaster.BugmasterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the operational endpoints (health and metrics come from Spring Boot Actuator). */
@Configuration(proxyBeanMethods = false)
public class OperationsConfig {

    @Bean
    FilterRegistrationBean<MetricsAccessFilter> metricsAccessFilter(BugmasterProperties props) {
        FilterRegistrationBean<MetricsAccessFilter> registration =
                new FilterRegistrationBean<>(new MetricsAccessFilter(props.metricsToken()));
        registration.addUrlPatterns("/actuator/prometheus");
        return registration;
    }
}
