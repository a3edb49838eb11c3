package io.bugmaster.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * Marks a controller that renders HTML pages. Its exceptions become friendly error pages
 * ({@link ErrorPages}) and its views get the layout's model ({@link LayoutModel}); REST
 * controllers are not affected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface UiController {}
