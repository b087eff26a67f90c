/**
 * Organisations: registration one by one or by CSV import, each starting a phase-out
 * process per active campaign, the sources that may report for each, and the organisation's
 * view over REST.
 */
package nl.phaseout.engine.organisation;
