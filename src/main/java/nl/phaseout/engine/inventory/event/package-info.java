/**
 * The edge of {@code phaseout.inventory}, pure: a Kafka record read as a CloudEvent (binary or
 * structured mode) with the CloudEvents SDK, validated, and turned into a typed {@link nl.phaseout.engine.inventory.event.InventoryEvent},
 * or refused with an {@link nl.phaseout.engine.inventory.event.InvalidEventException} whose message is
 * the dead letter's reason in plain words. No I/O, no Spring, no state.
 */
package nl.phaseout.engine.inventory.event;
