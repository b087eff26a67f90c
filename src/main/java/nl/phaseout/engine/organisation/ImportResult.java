package nl.phaseout.engine.organisation;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a CSV import did, row by row. */
record ImportResult(int imported, int rejected, List<Row> rows) {

	ImportResult(List<Row> rows) {
		this((int) rows.stream().filter(row -> row.status == Status.CREATED).count(),
				(int) rows.stream().filter(row -> row.status == Status.REJECTED).count(), rows);
	}

	enum Status {
		CREATED, REJECTED
	}

	/** @param line the line of the CSV the row started on, the header being line 1 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Row(int line, String id, Status status, String reason) {

		static Row created(int line, String id) {
			return new Row(line, id, Status.CREATED, null);
		}

		static Row rejected(int line, String id, String reason) {
			return new Row(line, id, Status.REJECTED, reason);
		}

	}

}
