package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void withALimitTheSameRecordsAreRead() throws IOException {
		CsvLines lines = new CsvLines(new BufferedReader(new StringReader(
				"\uFEFFid,name\r\nA,\"two\r\nlines\"\n\nB,plain")), 100);

		assertThat(lines.next()).containsExactly("id", "name");
		assertThat(lines.next()).containsExactly("A", "two\nlines");
		assertThat(lines.lineNumber()).isEqualTo(2);
		assertThat(lines.next()).containsExactly("");
		assertThat(lines.lineNumber()).isEqualTo(4);
		assertThat(lines.next()).containsExactly("B", "plain");
		assertThat(lines.lineNumber()).isEqualTo(5);
		assertThat(lines.next()).isNull();
	}

	@Test
	void aRecordLongerThanTheLimitFailsNamingItsLine() throws IOException {
		CsvLines lines = new CsvLines(new BufferedReader(new StringReader(
				"id,name\nA,\"never closed\nand on\nand on\n")), 20);
		lines.next();

		assertThatThrownBy(lines::next).isInstanceOf(CsvLines.RecordTooLongException.class)
			.hasMessage("line 2 is longer than 20 characters");
	}

	@Test
	void aLineWithoutBreaksStopsAtTheLimit() {
		CsvLines lines = new CsvLines(new BufferedReader(new StringReader("x".repeat(1_000_000))), 1000);

		assertThatThrownBy(lines::next).isInstanceOf(CsvLines.RecordTooLongException.class)
			.hasMessage("line 1 is longer than 1000 characters");
	}


	@Test
	void theHeaderSaysWhetherCommasOrSemicolonsSeparate() throws IOException {
		CsvLines dutch = CsvLines.separatorFromHeader(new BufferedReader(new StringReader(
				"\uFEFFid;name;\"note\"\r\nA;\"Jansen; zn.\";1,5\r\n")), 1000);

		assertThat(dutch.next()).containsExactly("id", "name", "note");
		assertThat(dutch.separator()).isEqualTo(';');
		assertThat(dutch.next()).containsExactly("A", "Jansen; zn.", "1,5");

		CsvLines english = CsvLines.separatorFromHeader(new BufferedReader(new StringReader(
				"id,\"name;x\"\nA,b;c\n")), 1000);
		assertThat(english.next()).containsExactly("id", "name;x");
		assertThat(english.next()).containsExactly("A", "b;c");
		assertThat(english.separator()).isEqualTo(',');
	}

}
