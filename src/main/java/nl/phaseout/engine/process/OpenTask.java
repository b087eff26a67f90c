package nl.phaseout.engine.process;

import java.time.Instant;

/** A task of an organisation's process that waits for a person, as its pages show it. */
public record OpenTask(String id, String name, String taskDefinitionKey, Instant created, Instant due) {
}
