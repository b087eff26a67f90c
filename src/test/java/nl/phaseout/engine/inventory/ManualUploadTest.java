package nl.phaseout.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.phaseout.engine.inventory.event.InventoryEvent.Product;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ManualUploadTest {

	private static final Logger log = LoggerFactory.getLogger(ManualUploadTest.class);

	private static final String HEADER = "endpointId,vendor,name,version,category,state\n";

	@Test
	void rowsOfOneEndpointWhereverTheyStandAreItsProductList() throws IOException {
		ManualUpload upload = read(HEADER + "pc-1,Kaspersky,Kaspersky Endpoint Security,11.11,antivirus,Active\n"
				+ "pc-2,Microsoft,Defender,,antivirus,active\n"
				+ "pc-1,Microsoft,Defender,,antivirus,passive\n");

		assertThat(productsByEndpoint(upload)).containsExactly(
				Map.entry("pc-1", List.of(new Product("Kaspersky", "Kaspersky Endpoint Security", "11.11", "antivirus",
						"active"), new Product("Microsoft", "Defender", null, "antivirus", "passive"))),
				Map.entry("pc-2", List.of(new Product("Microsoft", "Defender", null, "antivirus", "active"))));
		assertThat(upload.rows()).isEqualTo(3);
		assertThat(upload.distinctProducts()).isEqualTo(3);
	}

	@Test
	void aDutchSpreadsheetsSemicolonsAndByteOrderMarkAreRead() throws IOException {
		ManualUpload upload = read("\uFEFFendpointId;vendor;name;version;category;state\r\n"
				+ "pc-1;Kaspersky;Kaspersky Endpoint Security;11,11;antivirus;Active\r\n"
				+ "pc-2;\"Microsoft; Corp.\";Defender;;antivirus;active\r\n" + "pc-3;;;;;\r\n");

		assertThat(productsByEndpoint(upload)).containsExactly(
				Map.entry("pc-1", List.of(new Product("Kaspersky", "Kaspersky Endpoint Security", "11,11", "antivirus",
						"active"))),
				Map.entry("pc-2", List.of(new Product("Microsoft; Corp.", "Defender", null, "antivirus", "active"))),
				Map.entry("pc-3", List.of()));
	}

	@Test
	void aRowSeparatedOtherwiseThanTheHeaderIsNamed() {
		assertThat(invalid("endpointId;vendor;name;version;category;state\npc-1,Microsoft,Defender,,antivirus,active\n")
			.problems()).containsExactly("line 2: expected 6 fields (endpointId,vendor,name,version,category,state),"
					+ " found 1; are the fields separated as in the header?");
		assertThat(invalid("endpoint;vendor;name;version;category;state\npc-1;;;;;\n").problems()).containsExactly(
				"line 1: the header is 'endpoint;vendor;name;version;category;state';"
						+ " expected endpointId,vendor,name,version,category,state");
	}

	@Test
	void emptyVendorAndNameIsAnEndpointWithoutSecurityProducts() throws IOException {
		ManualUpload upload = read(HEADER + "pc-1,,,,,\n\"pc-2\",Microsoft,Defender,,antivirus,active\npc-2,,,,,\n");

		assertThat(productsByEndpoint(upload)).containsExactly(Map.entry("pc-1", List.of()),
				Map.entry("pc-2", List.of(new Product("Microsoft", "Defender", null, "antivirus", "active"))));
	}

	@Test
	void everyBadRowIsNamedByItsLine() {
		InvalidUploadException invalid = invalid(HEADER + "pc-1,Microsoft,Defender,,antivirus,active\n"
				+ "pc-2,Microsoft,Defender,,antivirus,on\n"
				+ ",Microsoft,Defender,,antivirus,active\n"
				+ "pc-4,Microsoft,,,antivirus,active\n"
				+ "pc-5,Microsoft,Defender,antivirus,active\n"
				+ "pc-6,,,1.0,,\n"
				+ "pc-7,Micro\u0000soft,Defender,,antivirus,active\n"
				+ "\"pc-8\nsecond line\",Microsoft,Defender,,antivirus,active\n"
				+ "pc-9," + "x".repeat(201) + ",Defender,,antivirus,active\n");

		assertThat(invalid.problems()).containsExactly("line 3: state 'on' is not one of active, passive, disabled",
				"line 4: endpointId is empty",
				"line 5: name is empty; a product needs vendor, name, category and state"
						+ " (leave vendor and name both empty for an endpoint without security products)",
				"line 6: expected 6 fields (endpointId,vendor,name,version,category,state), found 5",
				"line 7: vendor and name are empty, which means no security product on 'pc-6';"
						+ " then leave version, category and state empty too",
				"line 8: vendor contains the control character U+0000 at position 6",
				"line 9: endpointId contains the control character U+000A at position 5",
				"line 11: vendor is longer than 200 characters");
		assertThat(invalid.count()).isEqualTo(8);
		assertThat(invalid.getMessage()).startsWith("8 problems, nothing was published: line 3: state 'on'");
	}

	@Tag("security")
	@Test
	void endpointIdsAndProductFieldsThatWouldReadOtherwiseAreRefusedNamingTheLine() {
		InvalidUploadException invalid = invalid(HEADER + "pc-1,Microsoft,Defender,,antivirus,active\n"
				+ "pc\u202Ecod.exe,Microsoft,Defender,,antivirus,active\n"
				+ "<script>,Microsoft,Defender,,antivirus,active\n"
				+ "pc-4,[Microsoft](https://evil.example),Defender,,antivirus,active\n"
				+ "pc-5,Microsoft,Defender\u200B,,antivirus,active\n"
				+ "pc-6,Microsoft,Defender,1.0\u0085,antivirus,active\n"
				+ "p" + "c".repeat(200) + ",Microsoft,Defender,,antivirus,active\n");

		assertThat(invalid.problems()).containsExactly(
				"line 3: endpointId contains the formatting character U+202E at position 3; such characters change"
						+ " how text reads",
				"line 4: endpointId contains '<' at position 1; '<', '>', '[' and ']' are not allowed",
				"line 5: vendor contains '[' at position 1; '<', '>', '[' and ']' are not allowed",
				"line 6: name contains the formatting character U+200B at position 9; such characters change how"
						+ " text reads",
				"line 7: version contains the control character U+0085 at position 4",
				"line 8: endpointId is longer than 200 characters");
	}

	@Test
	void theHeaderMustNameTheColumns() {
		assertThat(invalid("endpoint,vendor,name,version,category,state\npc-1,,,,,\n").problems()).containsExactly(
				"line 1: the header is 'endpoint,vendor,name,version,category,state';"
						+ " expected endpointId,vendor,name,version,category,state");
		assertThat(invalid("").problems())
			.containsExactly("the upload is empty; expected the header endpointId,vendor,name,version,category,state");
		assertThat(invalid(HEADER + "\n\n").problems()).containsExactly("the upload lists no endpoints;"
				+ " expected a row per product after the header endpointId,vendor,name,version,category,state");
	}

	@Test
	void moreRowsThanAllowedAreRefusedWithoutReadingFurther() {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 11; i++) {
			csv.append("pc-").append(i).append(",Microsoft,Defender,,antivirus,active\n");
		}

		InvalidUploadException invalid = catchThrowableOfType(InvalidUploadException.class,
				() -> ManualUpload.read(new StringReader(csv.toString()), 10));

		assertThat(invalid.problems()).containsExactly("more than 10 rows (line 12); an upload may have at most 10"
				+ " (setting phaseout.inventory.manual.max-rows)");
	}

	@Test
	void aQuoteNeverClosedIsNamedWithoutReadingTheRestIntoMemory() {
		String csv = HEADER + "pc-1,\"Microsoft,Defender,,antivirus,active\n"
				+ "pc-2,Microsoft,Defender,,antivirus,active\n".repeat(1000);

		assertThat(invalid(csv).problems()).containsExactly("line 2: longer than 4096 characters;"
				+ " is this the CSV expected (endpointId,vendor,name,version,category,state), with every quote closed?");
	}

	@Test
	void anEndpointMayHaveAHundredProducts() throws IOException {
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 100; i++) {
			csv.append("pc-1,Vendor ").append(i).append(",Shield,,antivirus,active\n");
		}
		assertThat(read(csv.toString()).endpointCount()).isEqualTo(1);

		csv.append("pc-1,One,Too many,,antivirus,active\n");
		assertThat(invalid(csv.toString()).problems())
			.containsExactly("line 102: endpoint 'pc-1' has more than 100 products");
	}

	/**
	 * Fifty thousand rows, one endpoint each, streamed from a reader that makes them up as it goes:
	 * what the upload holds once read is measured between two collections, and logged.
	 */
	@Test
	void fiftyThousandRowsAreHeldCompactly() throws IOException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long before = memory.getHeapMemoryUsage().getUsed();

		ManualUpload upload = ManualUpload.read(new GeneratedRows(50_000), 50_000);

		memory.gc();
		long held = memory.getHeapMemoryUsage().getUsed() - before;
		log.info("A manual upload of 50,000 rows (50,000 endpoints, {} distinct products) holds about {} KiB once read",
				upload.distinctProducts(), held / 1024);
		assertThat(upload.endpointCount()).isEqualTo(50_000);
		assertThat(held).as("bytes held").isLessThan(24L * 1024 * 1024);
	}

	/** A CSV body of so many rows, made up as it is read. */
	private static final class GeneratedRows extends Reader {

		private final int rows;

		private int row = -1;

		private String current = HEADER;

		private int position;

		GeneratedRows(int rows) {
			this.rows = rows;
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			if (position == current.length()) {
				if (++row == rows) {
					return -1;
				}
				current = String.format("ws-%05d,%s,%s,,antivirus,%s%n", row, row % 10 < 4 ? "Kaspersky" : "Microsoft",
						row % 10 < 4 ? "Kaspersky Endpoint Security" : "Defender", row % 20 == 19 ? "passive" : "active");
				position = 0;
			}
			int count = Math.min(length, current.length() - position);
			current.getChars(position, position + count, buffer, offset);
			position += count;
			return count;
		}

		@Override
		public void close() {
		}

	}

	private static ManualUpload read(String csv) throws IOException {
		return ManualUpload.read(new StringReader(csv), 50_000);
	}

	private static InvalidUploadException invalid(String csv) {
		return catchThrowableOfType(InvalidUploadException.class, () -> read(csv));
	}

	private static Map<String, List<Product>> productsByEndpoint(ManualUpload upload) {
		Map<String, List<Product>> endpoints = new LinkedHashMap<>();
		upload.forEachEndpoint((endpointId, indexes) -> {
			List<Product> products = new ArrayList<>();
			for (int index : indexes) {
				products.add(upload.products().get(index));
			}
			endpoints.put(endpointId, products);
		});
		return endpoints;
	}

}
