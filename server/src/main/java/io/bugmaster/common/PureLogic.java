package io.bugmaster.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of pure logic (parsing, validation, calculation): no Spring, no JDBC, no HTTP,
 * no wall clock. The architecture test holds every marked class, and the whole common package, to it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PureLogic {}
