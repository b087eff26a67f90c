package nl.phaseout.engine.organisation;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma separated, fields may be quoted, quotes doubled,
 * quoted fields may span lines) and knows the line number each record started on.
 */
final class CsvLines {

	private final BufferedReader reader;

	private int nextLine = 1;

	private int recordLine;

	CsvLines(BufferedReader reader) {
		this.reader = reader;
	}

	/** The line the last record returned by {@link #next()} started on, counting from 1. */
	int lineNumber() {
		return recordLine;
	}

	/** The next record's fields, or null at the end. */
	List<String> next() throws IOException {
		String line = reader.readLine();
		if (line == null) {
			return null;
		}
		recordLine = nextLine++;
		if (recordLine == 1 && line.startsWith("\uFEFF")) {
			line = line.substring(1);
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int i = 0;
		while (true) {
			if (i == line.length()) {
				if (quoted) {
					String more = reader.readLine();
					if (more == null) {
						break;
					}
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
			else if (c == ',') {
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

}
