package nl.phaseout.engine.process;

import java.time.Instant;

public record AlternativeSelection(String vendor, String product, Instant selectedAt) {
}
