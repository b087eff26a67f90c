/**
 * Who may do what: HTTP Basic against Camunda's identity service for the REST APIs (and, when
 * configured, sign-in and bearer tokens of an OpenID Connect provider), the
 * groups every installation needs, the demo identities of the {@code dev} profile, and the
 * defences of the web side: no cross-site requests, a limit on request bodies, failed logins
 * throttled per client instead of Camunda's permanent lock, and the password policy.
 */
package nl.phaseout.engine.security;
