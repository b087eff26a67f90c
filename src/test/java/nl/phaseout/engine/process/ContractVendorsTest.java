package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A contract termination counts when one of the campaign's {@code vendors} is part of the vendor's
 * name, regardless of case: the rule the product classification applies to the same vendor.
 */
class ContractVendorsTest {

	@ParameterizedTest(name = "{0} with vendors {1}: {2}")
	@CsvSource(delimiter = '|', value = { "AO Kaspersky Lab|kaspersky|true", "Kaspersky Lab B.V.|kaspersky|true",
			"KASPERSKY|kaspersky|true", "ao kaspersky lab|KasPerSky|true", "AO Kaspersky Lab|Kaspersky*|true",
			"Kasper Software|kaspersky|false", "ESET|kaspersky|false", "ESET|kaspersky,eset|true",
			"Kaspersky|''|false" })
	void aVendorIsTheBannedProductsWhenAnEntryIsPartOfItsName(String vendor, String vendors, boolean counts) {
		List<String> entries = List.of(vendors.split(","));

		assertThat(Contracts.ofBannedVendor(entries, vendor)).isEqualTo(counts);
	}

}
