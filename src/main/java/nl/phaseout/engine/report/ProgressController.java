package nl.phaseout.engine.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.process.EndpointCounts;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.system.Problems;

/** The programme office's view of one campaign, computed by the database in a few queries. */
@RestController
class ProgressController {

	private final JdbcTemplate jdbc;

	private final CampaignCatalog campaigns;

	private final EndpointFigures figures;

	ProgressController(JdbcTemplate jdbc, CampaignCatalog campaigns, EndpointFigures figures) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.figures = figures;
	}

	@GetMapping("/api/campaigns/{id}/progress")
	@Transactional(readOnly = true)
	ResponseEntity<?> progress(@PathVariable String id) {
		if (campaigns.find(id).isEmpty()) {
			return Problems.answer(HttpStatus.NOT_FOUND, "No campaign with id '" + id + "'.");
		}
		// every phase, zeros included, in process order
		Map<String, Long> byPhase = new LinkedHashMap<>();
		for (Phase phase : Phase.values()) {
			byPhase.put(phase.name(), 0L);
		}
		Map<String, Map<String, Long>> byCategory = new TreeMap<>();
		long[] organisations = { 0 };
		jdbc.query("SELECT p.category, p.phase, COUNT(*) AS n FROM participation p WHERE p.campaign_id = ?"
				+ " GROUP BY p.category, p.phase",
				rs -> {
					long n = rs.getLong("n");
					organisations[0] += n;
					byPhase.merge(rs.getString("phase"), n, Long::sum);
					byCategory.computeIfAbsent(rs.getString("category"), category -> new TreeMap<>())
						.put(rs.getString("phase"), n);
				}, id);
		// overdue: a missed milestone not reached since
		Long overdue = jdbc.queryForObject(
				"SELECT COUNT(*) FROM participation WHERE campaign_id = ? AND overdue", Long.class, id);
		return ResponseEntity.ok(new Progress(id, organisations[0], byPhase, byCategory, figures.totals(id),
				overdue == null ? 0 : overdue));
	}

	record Progress(String campaignId, long organisations, Map<String, Long> byPhase,
			Map<String, Map<String, Long>> byCategory, EndpointCounts endpoints, long overdue) {
	}

}
