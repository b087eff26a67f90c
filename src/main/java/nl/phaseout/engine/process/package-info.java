/**
 * The per-organisation phase-out process: its constants, the Java API that moves it
 * forward, its delegates, and the ports through which it reads the inventory and reports.
 */
package nl.phaseout.engine.process;
