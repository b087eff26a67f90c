package nl.phaseout.engine.organisation;

import java.time.Instant;

import nl.phaseout.engine.campaign.Category;

/** A registered organisation; its project managers are the members of {@code pmGroup}. */
public record Organisation(String id, String name, Category category, String pmGroup, Instant registeredAt) {
}
