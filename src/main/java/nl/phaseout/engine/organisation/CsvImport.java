package nl.phaseout.engine.organisation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import nl.phaseout.engine.system.CsvLines;

/**
 * Registers the organisations of a CSV file ({@code id,name,category} and, optionally, the
 * columns {@code pmGroup}, {@code sources} and {@code verification} in any order; header first, RFC
 * 4180 quoting), a hundred rows a transaction. {@code sources} holds the sources that may report for
 * the organisation, separated by {@code ;}; {@code verification} is {@code scan} (the default) or
 * {@code rolling}. An invalid or duplicate row (an id registered in any case, a
 * project managers' group that serves another organisation) is reported with its line number and
 * reason and never stops the others.
 */
@Component
class CsvImport {

	private static final List<String> HEADER = List.of("id", "name", "category");

	private static final List<String> OPTIONAL = List.of("pmgroup", "sources", "verification");

	private static final String EXPECTED = "id,name,category[,pmGroup][,sources][,verification]";

	/** Rows registered per transaction. */
	private static final int CHUNK = 100;

	private final OrganisationRegistration registration;

	private final TransactionTemplate transaction;

	CsvImport(OrganisationRegistration registration, TransactionTemplate transaction) {
		this.registration = registration;
		this.transaction = transaction;
	}

	ImportResult importCsv(Reader csv) throws IOException {
		BufferedReader reader = new BufferedReader(csv);
		CsvLines lines = new CsvLines(reader);
		List<String> header = lines.next();
		if (header == null) {
			throw new InvalidRegistrationException(List.of("the CSV is empty; expected the header " + EXPECTED));
		}
		List<String> columns = header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
		if (columns.size() < 3 || !columns.subList(0, 3).equals(HEADER) || columns.size() > 3 + OPTIONAL.size()
				|| !OPTIONAL.containsAll(columns.subList(3, columns.size()))
				|| columns.stream().distinct().count() != columns.size()) {
			throw new InvalidRegistrationException(List.of("the CSV header is '"
					+ OrganisationNames.printable(String.join(",", header)) + "'; expected " + EXPECTED));
		}
		List<ImportResult.Row> rows = new ArrayList<>();
		List<Pending> chunk = new ArrayList<>(CHUNK);
		Map<String, Integer> firstLine = new HashMap<>();
		List<String> fields;
		while ((fields = lines.next()) != null) {
			int line = lines.lineNumber();
			if (fields.size() == 1 && fields.get(0).isBlank()) {
				continue;
			}
			String id = fields.isEmpty() ? null : fields.get(0).trim();
			String problem = problem(fields, columns);
			// ids are the same regardless of case
			Integer earlier = problem == null ? firstLine.putIfAbsent(id.toLowerCase(Locale.ROOT), line) : null;
			if (problem != null) {
				rows.add(ImportResult.Row.rejected(line, id, problem));
			}
			else if (earlier != null) {
				rows.add(ImportResult.Row.rejected(line, id, "already registered (line " + earlier + ")"));
			}
			else {
				chunk.add(new Pending(rows.size(), line, request(fields, columns)));
				rows.add(null);
				if (chunk.size() == CHUNK) {
					register(chunk, rows);
				}
			}
		}
		register(chunk, rows);
		return new ImportResult(rows);
	}

	/**
	 * Registers a chunk of valid rows in one transaction; should one of them fail (an id that
	 * is already registered), the chunk is rolled back and each row registered on its own.
	 */
	private void register(List<Pending> chunk, List<ImportResult.Row> rows) {
		try {
			transaction.executeWithoutResult(status -> chunk.forEach(pending -> registration.register(pending.request)));
			chunk.forEach(pending -> rows.set(pending.index, ImportResult.Row.created(pending.line, pending.id())));
		}
		catch (RuntimeException ex) {
			chunk.forEach(pending -> rows.set(pending.index, registerAlone(pending)));
		}
		chunk.clear();
	}

	private ImportResult.Row registerAlone(Pending pending) {
		try {
			transaction.executeWithoutResult(status -> registration.register(pending.request));
			return ImportResult.Row.created(pending.line, pending.id());
		}
		catch (OrganisationExistsException ex) {
			return ImportResult.Row.rejected(pending.line, pending.id(), "already registered" + ex.alias());
		}
		catch (InvalidRegistrationException ex) {
			return ImportResult.Row.rejected(pending.line, pending.id(), ex.getMessage());
		}
	}

	/** What is wrong with the row, or null when it can be registered. */
	private static String problem(List<String> fields, List<String> columns) {
		if (fields.size() < 3 || fields.size() > columns.size()) {
			String expected = columns.size() == 3 ? "3" : columns.size() == 4 ? "3 or 4" : "3 to " + columns.size();
			return "expected " + expected + " fields, found " + fields.size();
		}
		List<String> problems = request(fields, columns).problems();
		return problems.isEmpty() ? null : String.join("; ", problems);
	}

	private static RegistrationRequest request(List<String> fields, List<String> columns) {
		return new RegistrationRequest(fields.get(0).trim(), fields.get(1), fields.get(2),
				optional(fields, columns, "pmgroup"), sources(optional(fields, columns, "sources")),
				optional(fields, columns, "verification"));
	}

	private static String optional(List<String> fields, List<String> columns, String column) {
		int index = columns.indexOf(column);
		return index < 0 || index >= fields.size() ? null : fields.get(index);
	}

	/** The {@code sources} cell: sources separated by {@code ;}, blanks ignored. */
	private static List<String> sources(String cell) {
		if (cell == null || cell.isBlank()) {
			return List.of();
		}
		return Arrays.stream(cell.split(";")).map(String::strip).filter(source -> !source.isEmpty()).toList();
	}

	/** A valid row waiting for its chunk, and where its result goes. */
	private record Pending(int index, int line, RegistrationRequest request) {

		String id() {
			return request.id();
		}

	}

}
