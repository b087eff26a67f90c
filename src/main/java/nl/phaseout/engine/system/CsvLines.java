package nl.phaseout.engine.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma separated, fields may be quoted, quotes doubled,
 * quoted fields may span lines) and knows the line number each record started on. Streams: one
 * record in memory at a time, and with a limit never more than that many characters of it, so
 * that a body without line breaks, or with a quote never closed, cannot fill the heap. A UTF-8 byte
 * order mark before the first record is skipped. Spreadsheets in a locale whose decimal mark is a
 * comma (Dutch among them) separate with semicolons: {@link #separatorFromHeader} takes the
 * separator from the first line.
 */
public final class CsvLines {

	private final BufferedReader reader;

	private final int maxRecordLength;

	/** The separator, or 0 until the first line says which. */
	private char separator;

	private int nextLine = 1;

	private int recordLine;

	public CsvLines(BufferedReader reader) {
		this(reader, Integer.MAX_VALUE);
	}

	/** Records longer than {@code maxRecordLength} characters fail with a {@link RecordTooLongException}. */
	public CsvLines(BufferedReader reader, int maxRecordLength) {
		this(reader, maxRecordLength, ',');
	}

	private CsvLines(BufferedReader reader, int maxRecordLength, char separator) {
		this.reader = reader;
		this.maxRecordLength = maxRecordLength;
		this.separator = separator;
	}

	/**
	 * Records separated by commas or semicolons, whichever the first line (the header) has more of
	 * outside quotes; commas when it has neither.
	 */
	public static CsvLines separatorFromHeader(BufferedReader reader, int maxRecordLength) {
		return new CsvLines(reader, maxRecordLength, (char) 0);
	}

	/** The separator: a comma, or a semicolon when the header said so; a comma before the first record is read. */
	public char separator() {
		return separator == 0 ? ',' : separator;
	}

	/** The line the last record returned by {@link #next()} started on, counting from 1. */
	public int lineNumber() {
		return recordLine;
	}

	/** The next record's fields, or null at the end. */
	public List<String> next() throws IOException {
		int start = nextLine;
		String line = readLine(maxRecordLength, start);
		if (line == null) {
			return null;
		}
		recordLine = start;
		int length = line.length();
		nextLine++;
		if (recordLine == 1 && line.startsWith("\uFEFF")) {
			line = line.substring(1);
		}
		if (separator == 0) {
			separator = mostFrequentSeparator(line);
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int i = 0;
		while (true) {
			if (i == line.length()) {
				if (quoted) {
					String more = readLine(maxRecordLength - length - 1, start);
					if (more == null) {
						break;
					}
					length += more.length() + 1;
					nextLine++;
					field.append('\n');
					line = more;
					i = 0;
					continue;
				}
				break;
			}
			char c = line.charAt(i++);
			if (quoted) {
				if (c == '"' && i < line.length() && line.charAt(i) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == separator) {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

	private static char mostFrequentSeparator(String header) {
		int commas = 0;
		int semicolons = 0;
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == ',') {
				commas++;
			}
			else if (!quoted && c == ';') {
				semicolons++;
			}
		}
		return semicolons > commas ? ';' : ',';
	}

	/** As {@link BufferedReader#readLine()}, failing beyond {@code budget} characters. */
	private String readLine(int budget, int start) throws IOException {
		if (maxRecordLength == Integer.MAX_VALUE) {
			return reader.readLine();
		}
		StringBuilder line = new StringBuilder();
		int c = reader.read();
		if (c == -1) {
			return null;
		}
		while (c != -1 && c != '\n' && c != '\r') {
			if (line.length() >= budget) {
				throw new RecordTooLongException(start, maxRecordLength);
			}
			line.append((char) c);
			c = reader.read();
		}
		if (c == '\r') {
			reader.mark(1);
			if (reader.read() != '\n') {
				reader.reset();
			}
		}
		return line.toString();
	}

	/** A record longer than the limit: the input is not the CSV expected, and is not read further. */
	public static final class RecordTooLongException extends IOException {

		private final int line;

		RecordTooLongException(int line, int maxRecordLength) {
			super("line " + line + " is longer than " + maxRecordLength + " characters");
			this.line = line;
		}

		public int line() {
			return line;
		}

	}

}
