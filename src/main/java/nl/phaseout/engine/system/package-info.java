/**
 * What every feature shares: settings, the embedded Kafka broker, topics, start-up checks,
 * the problem-details error handling, the OpenAPI description of {@code /api} and CSV cells
 * safe for spreadsheets.
 */
package nl.phaseout.engine.system;
