package nl.phaseout.engine.system;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Text cells for the CSV files the engine writes (exports, reports). A spreadsheet runs a cell
 * that starts with {@code =}, {@code +}, {@code -} or {@code @} (or a tab or carriage return
 * before one) as a formula, so a name or note someone typed could run on the office's computer
 * ("CSV injection"). Stored data keeps what was typed; only what is written to CSV is neutralised,
 * as OWASP advises: a leading apostrophe makes the cell text. Numbers the engine itself writes
 * (counts, negative ones included) are not text cells and do not go through here.
 */
public final class CsvCells {

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private CsvCells() {
	}

	/** The text, with an apostrophe in front when a spreadsheet would take it for a formula. */
	public static String neutralise(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		return FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	/** One line of cells, ended by CRLF (RFC 4180). */
	public static String line(List<?> cells) {
		return cells.stream().map(CsvCells::cell).collect(Collectors.joining(",", "", "\r\n"));
	}

	/** A number as it is (negative counts are no formulas); anything else as a text cell. */
	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		return value instanceof Number ? value.toString() : cell(value.toString());
	}

	/** One RFC 4180 field: neutralised, and quoted when it holds a comma, quote or line break. */
	public static String cell(String text) {
		String value = neutralise(text);
		if (value == null) {
			return "";
		}
		if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			return value;
		}
		return '"' + value.replace("\"", "\"\"") + '"';
	}

}
