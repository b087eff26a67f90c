package nl.phaseout.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Threat: the CSV import read bodies of any size and answered about seven times as much. Bodies
 * beyond {@code phaseout.security.max-upload-size} (10 MiB) are answered 413 with a problem
 * detail, whether their length is declared or they arrive in chunks, and nothing is registered.
 */
@Tag("security")
@Tag("e2e")
class UploadLimitTest extends SecurityTest {

	private static final int LIMIT = 10 * 1024 * 1024;

	@Test
	void aCsvBeyondTheLimitIsRefusedBeforeItIsRead() {
		String org = uniqueId("BIG");
		HttpHeaders csv = new HttpHeaders();
		csv.setContentType(MediaType.parseMediaType("text/csv"));

		ResponseEntity<String> refused = demo().postForEntity("/api/organisations/import",
				new HttpEntity<>(oversizedCsv(org), csv), String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		assertProblem(refused);
		assertThat(refused.getBody()).contains("10 MiB");
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aChunkedCsvBeyondTheLimitRegistersNothing() throws Exception {
		String org = uniqueId("CHUNKED");
		byte[] body = oversizedCsv(org).getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/organisations/import"))
			.header("Content-Type", "text/csv")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
			// No length: the body arrives in chunks and is counted as it is read.
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(demo().getForEntity("/api/organisations/" + org, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	/** A valid first row, then rows enough to pass the limit. */
	private static String oversizedCsv(String org) {
		StringBuilder csv = new StringBuilder("id,name,category\n").append(org).append(",First,OTHER\n");
		int row = 0;
		while (csv.length() <= LIMIT) {
			csv.append(org).append("-").append(row++).append(",Organisation with a long enough name,OTHER\n");
		}
		return csv.toString();
	}

}
