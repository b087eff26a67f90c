/**
 * The kinds of test that need more than a JVM and a few seconds, as JUnit tags: {@link EndToEnd},
 * {@link NeedsBrowser}, {@link NeedsPostgres}. A class carries every one that applies. {@code ./mvnw test}
 * leaves them out; {@code ./mvnw verify} runs them afterwards (pom.xml says what runs where).
 */
package nl.phaseout.engine.tags;
