/**
 * Campaigns: one phase-out decision each (which products are banned, who must act, the
 * deadlines), loaded from configuration at start.
 */
package nl.phaseout.engine.campaign;
