package nl.phaseout.engine.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

class CsvLinesTest {

	@Test
	void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
		CsvLines lines = new CsvLines(new BufferedReader(new StringReader(
				"\uFEFFid,name,category\nA,\"Comma, and \"\"quote\"\"\",OTHER\nB,\"two\nlines\",PROVINCE\nC,plain,OTHER\n")));

		assertThat(lines.next()).containsExactly("id", "name", "category");
		assertThat(lines.lineNumber()).isEqualTo(1);
		assertThat(lines.next()).containsExactly("A", "Comma, and \"quote\"", "OTHER");
		assertThat(lines.lineNumber()).isEqualTo(2);
		assertThat(lines.next()).containsExactly("B", "two\nlines", "PROVINCE");
		assertThat(lines.lineNumber()).isEqualTo(3);
		assertThat(lines.next()).containsExactly("C", "plain", "OTHER");
		assertThat(lines.lineNumber()).isEqualTo(5);
		assertThat(lines.next()).isNull();
	}

	@Test
	void emptyTrailingFieldIsKept() throws IOException {
		CsvLines lines = new CsvLines(new BufferedReader(new StringReader("A,b,OTHER,\n")));
		assertThat(lines.next()).containsExactly("A", "b", "OTHER", "");
	}

}
