/**
 * Campaigns: one phase-out decision each (which products are banned, who must act, the
 * deadlines), from configuration at start or created over {@code /api/campaigns} from a template or
 * a DMN of their own, with their decisions deployed per campaign; activated and closed there.
 */
package nl.phaseout.engine.campaign;
