package io.bugmaster.web.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/**
 * A REST controller under {@code /api/0/}. Its errors are rendered as {@code {"detail": ...}} by
 * {@link ApiExceptionHandler}, the way Sentry's API renders them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {}
