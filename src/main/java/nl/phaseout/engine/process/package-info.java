/**
 * The per-organisation phase-out process: its constants, the Java API that moves it forward, its
 * delegates, and its inbox: the {@code process_signal} table in which the inventory's change
 * notices arrive (it implements the inventory's port {@code InventoryChanges}) and the workers that
 * deliver them. It reads the inventory through the inventory's own {@code InventoryState}, and
 * reports through its ports {@code ProcessEvents} and {@code ProcessRecord}.
 */
package nl.phaseout.engine.process;
