/**
 * Exemptions: an organisation's project managers ask for some of its live endpoints to be exempted
 * from a campaign until a date; the office approves or refuses ({@code Task_ReviewExemption} in the
 * small process {@code phaseout-exemption}); an approved exemption makes the inventory count those
 * endpoints as exempted, not banned, until the end of that day (Dutch time, never past the campaign's
 * {@code maxUntil}), when a timer expires it and they count as banned again. The expiry is a policy
 * date, decided on the engine's clock, not an inventory fact.
 */
package nl.phaseout.engine.exemption;
