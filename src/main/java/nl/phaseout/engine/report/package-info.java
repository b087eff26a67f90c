/**
 * Where every organisation stands: the participation read model kept by the process, the
 * status events on {@code phaseout.status} (through a transactional outbox), and the
 * programme office's progress view.
 */
package nl.phaseout.engine.report;
