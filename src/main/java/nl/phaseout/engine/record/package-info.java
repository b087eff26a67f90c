/**
 * The closure record: per organisation and campaign, what was decided and seen on the way to
 * phase-out (applicability, every human decision, the baseline and verification scans, the
 * alternative, the sign-off, the contract's end, regressions), written by the process in the
 * transaction of the step it records and kept in the application's own table, which Camunda's
 * history cleanup never touches.
 */
package nl.phaseout.engine.record;
