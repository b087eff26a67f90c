package nl.phaseout.engine.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Boots the whole application (with its embedded Kafka broker) or starts JVMs or processes of its own:
 * tag {@code e2e}, run by {@code verify}, not by {@code test}. Inherited, so a base class carries it for all
 * its subclasses.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("e2e")
public @interface EndToEnd {

}
