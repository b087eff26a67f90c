package nl.phaseout.engine.organisation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the organisations of a CSV file ({@code id,name,category[,pmGroup]}, header
 * first, RFC 4180 quoting). Each row is registered in its own transaction: an invalid or
 * duplicate row is reported with its line number and reason and never stops the others.
 */
@Component
class CsvImport {

	private static final List<String> HEADER = List.of("id", "name", "category");

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
			throw new InvalidRegistrationException(List.of("the CSV is empty; expected the header id,name,category[,pmGroup]"));
		}
		List<String> columns = header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
		if (columns.size() < 3 || !columns.subList(0, 3).equals(HEADER)
				|| (columns.size() == 4 && !columns.get(3).equals("pmgroup")) || columns.size() > 4) {
			throw new InvalidRegistrationException(
					List.of("the CSV header is '" + String.join(",", header) + "'; expected id,name,category[,pmGroup]"));
		}
		List<ImportResult.Row> rows = new ArrayList<>();
		List<String> fields;
		while ((fields = lines.next()) != null) {
			int line = lines.lineNumber();
			if (fields.size() == 1 && fields.get(0).isBlank()) {
				continue;
			}
			rows.add(importRow(line, fields, columns.size()));
		}
		return new ImportResult(rows);
	}

	private ImportResult.Row importRow(int line, List<String> fields, int columns) {
		String id = fields.isEmpty() ? null : fields.get(0).trim();
		if (fields.size() < 3 || fields.size() > columns) {
			return ImportResult.Row.rejected(line, id,
					"expected " + (columns == 3 ? "3" : "3 or 4") + " fields, found " + fields.size());
		}
		RegistrationRequest request = new RegistrationRequest(id, fields.get(1), fields.get(2),
				fields.size() > 3 ? fields.get(3) : null);
		List<String> problems = request.problems();
		if (!problems.isEmpty()) {
			return ImportResult.Row.rejected(line, id, String.join("; ", problems));
		}
		try {
			transaction.executeWithoutResult(status -> registration.register(request));
			return ImportResult.Row.created(line, id);
		}
		catch (OrganisationExistsException ex) {
			return ImportResult.Row.rejected(line, id, "already registered");
		}
	}

}
