/**
 * Organisations: registration one by one or by CSV import, each starting a phase-out
 * process per active campaign, the sources that may report for each, and the organisation's
 * view over REST: its endpoints, its record and the manual upload of its inventory included.
 */
package nl.phaseout.engine.organisation;
