package nl.phaseout.engine.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Needs PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}): tag {@code postgres},
 * run by {@code verify}. {@code -Dgroups='!postgres'} leaves these out on a machine without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgres")
public @interface NeedsPostgres {

}
