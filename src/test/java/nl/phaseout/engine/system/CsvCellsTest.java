package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A cell a spreadsheet would run as a formula is written as text. */
class CsvCellsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			=HYPERLINK("http://evil.example","x") | '=HYPERLINK("http://evil.example","x")
			+31 70 123 4567                      | '+31 70 123 4567
			-2+3                                 | '-2+3
			@SUM(A1:A2)                          | '@SUM(A1:A2)
			Gemeente 's-Hertogenbosch            | Gemeente 's-Hertogenbosch
			Ministerie van Justitie = Veiligheid | Ministerie van Justitie = Veiligheid
			""")
	void aCellStartingAsAFormulaBecomesText(String typed, String written) {
		assertThat(CsvCells.neutralise(typed)).isEqualTo(written);
	}

	@Test
	void aCellIsQuotedWhereRfc4180AsksForIt() {
		assertThat(CsvCells.cell("plain")).isEqualTo("plain");
		assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvCells.cell("=1+1,2")).isEqualTo("\"'=1+1,2\"");
	}

	@Test
	void tabsAndCarriageReturnsBeforeAFormulaAreNeutralisedAndNothingStaysNothing() {
		assertThat(CsvCells.neutralise("\t=1+1")).isEqualTo("'\t=1+1");
		assertThat(CsvCells.neutralise("\r=1+1")).isEqualTo("'\r=1+1");
		assertThat(CsvCells.neutralise("")).isEmpty();
		assertThat(CsvCells.cell(null)).isEmpty();
	}

}
