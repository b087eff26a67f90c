package nl.phaseout.engine.report;

/** Who an organisation is, as the participation read model has it from its registration. */
public record Participant(String organisationId, String name, String pmGroup) {
}
