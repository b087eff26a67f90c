/**
 * The programme office's pages: the dashboard at {@code /office} and each organisation's page,
 * rendered on the server in Dutch (English with {@code ?lang=en}), with the error pages that
 * every browser request gets. The figures come from {@code report}.
 */
package nl.phaseout.engine.office;
