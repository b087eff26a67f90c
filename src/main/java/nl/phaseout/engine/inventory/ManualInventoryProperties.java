package nl.phaseout.engine.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Manual inventory uploads ({@code POST /api/organisations/{id}/inventory}).
 *
 * @param maxRows the most rows one upload may have; the upload is read into memory (compactly)
 * and validated whole before anything is published, so this bounds what one request holds
 */
@ConfigurationProperties("phaseout.inventory.manual")
record ManualInventoryProperties(@DefaultValue("50000") int maxRows) {
}
