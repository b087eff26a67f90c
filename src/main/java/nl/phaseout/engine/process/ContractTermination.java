package nl.phaseout.engine.process;

import java.time.Instant;
import java.time.LocalDate;

public record ContractTermination(String vendor, String contractId, Instant terminatedAt, LocalDate endDate) {
}
