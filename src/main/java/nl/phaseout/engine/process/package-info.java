/**
 * The per-organisation phase-out process: its constants, the Java API that moves it forward, its
 * delegates, and its inbox: the {@code process_signal} table in which the inventory's change
 * notices arrive (it implements the inventory's port {@code InventoryChanges}) and the workers that
 * deliver them. It reads the inventory through the inventory's own {@code InventoryState}, and
 * reports through its ports {@code ProcessEvents} and {@code ProcessRecord}. Whom an instance is about
 * comes from its business key, its own table {@code process_participant} and the port {@code Participants},
 * never from a process variable.
 */
package nl.phaseout.engine.process;
