package nl.phaseout.engine.office;

import org.springframework.web.util.UriComponentsBuilder;

import nl.phaseout.engine.report.OrganisationQuery;

/**
 * Links that keep the table's filters: to sort by a column, to another page, to the CSV (in the
 * page's language); and the links from the figures to the organisations behind them.
 */
public record TableLinks(String campaignId, OrganisationQuery query, String language) {

	/** Sorting by the column it sorts by already turns the order round. */
	public String sort(String key) {
		String sort = query.sortKey().equals(key) && !query.descending() ? "-" + key : key;
		return build("/office", query.withSort(sort), true);
	}

	public String page(int page) {
		return build("/office", query.withPage(page), true);
	}

	public String csv() {
		return UriComponentsBuilder.fromUriString(build("/api/campaigns/" + campaignId + "/organisations.csv", query, false))
			.queryParam("lang", language)
			.build()
			.toUriString();
	}

	/**
	 * The dashboard's table with only these filters, in its default order (overdue first): pairs of
	 * parameter and value, such as {@code "phase", "ROLLOUT"}.
	 */
	public String only(String... filters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/office").queryParam("campaign", campaignId);
		for (int i = 0; i + 1 < filters.length; i += 2) {
			uri.queryParam(filters[i], filters[i + 1]);
		}
		return uri.fragment("table-heading").encode().build().toUriString();
	}

	/** How the column is sorted now, for {@code aria-sort}. */
	public String ariaSort(String key) {
		if (!query.sortKey().equals(key)) {
			return "none";
		}
		return query.descending() ? "descending" : "ascending";
	}

	private String build(String path, OrganisationQuery q, boolean paged) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		if (paged) {
			uri.queryParam("campaign", campaignId);
		}
		if (q.phase() != null) {
			uri.queryParam("phase", q.phase());
		}
		if (q.category() != null) {
			uri.queryParam("category", q.category());
		}
		if (q.overdue() != null) {
			uri.queryParam("overdue", q.overdue());
		}
		if (q.endpoints() != null) {
			uri.queryParam("endpoints", q.endpoints());
		}
		if (q.text() != null) {
			uri.queryParam("q", q.text());
		}
		uri.queryParam("sort", q.sort());
		if (paged) {
			uri.queryParam("page", q.page());
			if (q.size() != OrganisationQuery.DEFAULT_SIZE) {
				uri.queryParam("size", q.size());
			}
		}
		return uri.encode().build().toUriString();
	}

}
