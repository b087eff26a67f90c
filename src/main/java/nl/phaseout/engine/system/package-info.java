/**
 * What every feature shares: settings, the embedded Kafka broker, topics, start-up checks
 * and the problem-details error handling.
 */
package nl.phaseout.engine.system;
