package nl.phaseout.engine.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV cells as spreadsheets should read them: quoted when needed (RFC 4180), and a cell that a
 * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return first) prefixed with {@code '} so that it stays text.
 */
public final class CsvCells {

	private CsvCells() {
	}

	public static String line(List<?> cells) {
		return cells.stream().map(CsvCells::cell).collect(Collectors.joining(",", "", "\r\n"));
	}

	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

}
