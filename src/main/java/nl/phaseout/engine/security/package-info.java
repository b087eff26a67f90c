/**
 * Who may do what: HTTP Basic against Camunda's identity service for the REST APIs, the
 * groups every installation needs, and the demo identities of the {@code dev} profile.
 */
package nl.phaseout.engine.security;
