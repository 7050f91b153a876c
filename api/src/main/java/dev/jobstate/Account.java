package dev.jobstate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the account that activities belong to; each account keeps its own state folder.
 *
 * <p>For an {@link Activity} call the account is, first match wins: an {@code @Account} parameter of
 * the activity method; an {@code @Account} field of the object the method is called on
 * (superclasses included); the innermost method still running on the current thread that has an
 * {@code @Account} parameter, so {@code void runFor(@Account("email") Profile p)} sets the account
 * for every activity it calls, however deep; else the configured default account.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Account {

    /**
     * A property path on the annotated value ({@code "email"}, {@code "login.email"}), resolved like
     * the properties of {@link Activity#id()}. Empty means the value's {@code toString()}.
     *
     * @return the property path, or empty for the value itself
     */
    String value() default "";
}
