package nl.phaseout.engine.inventory;

import nl.phaseout.engine.inventory.event.InventoryEvent.Envelope;

/** An event's CloudEvents identity: ({@code source}, {@code id}). */
record EventId(String source, String id) {

	static EventId of(Envelope envelope) {
		return new EventId(envelope.source(), envelope.id());
	}

}
