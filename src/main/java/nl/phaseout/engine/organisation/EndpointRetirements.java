package nl.phaseout.engine.organisation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.inventory.ManualRetirement;
import nl.phaseout.engine.inventory.ManualRetirement.Retirement;
import nl.phaseout.engine.process.ProcessRecord;
import nl.phaseout.engine.report.ParticipationView;
import nl.phaseout.engine.report.Participations;

/**
 * A project manager (or the office) retires an endpoint that is gone: the inventory publishes the
 * retirement, and the organisation's record in each campaign it takes part in keeps who retired
 * which endpoint, when, and why.
 */
@Service
public class EndpointRetirements {

	private final ManualRetirement retirements;

	private final Participations participations;

	private final ProcessRecord record;

	EndpointRetirements(ManualRetirement retirements, Participations participations, ProcessRecord record) {
		this.retirements = retirements;
		this.participations = participations;
		this.record = record;
	}

	/** The endpoint as the inventory knows it: unknown, retired, or live. */
	public ManualRetirement.Known known(String organisationId, String endpointId) {
		return retirements.known(organisationId, endpointId);
	}

	/** What is wrong with a reason, in words a person can act on; empty when it will do. */
	public static java.util.Optional<String> problem(String reason) {
		String stripped = reason == null ? "" : reason.strip();
		if (stripped.isEmpty()) {
			return Optional.of("reason is required: say in a few words why the endpoint is gone (sold, scrapped,"
					+ " replaced, never ours)");
		}
		if (stripped.length() > ManualRetirement.MAX_REASON_LENGTH) {
			return Optional.of("reason is " + stripped.length() + " characters long; at most "
					+ ManualRetirement.MAX_REASON_LENGTH + " are kept: shorten it, or refer to a document");
		}
		return Optional.empty();
	}

	/**
	 * Publishes the retirement and records it; empty when the endpoint is not live. The caller checked
	 * that the user may act for the organisation, and the reason ({@link #problem}).
	 */
	@Transactional
	public Optional<Retirement> retire(String organisationId, String endpointId, String user, String reason) {
		Optional<Retirement> published = retirements.retire(organisationId, endpointId, user, reason.strip());
		published.ifPresent(retirement -> {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("endpointId", retirement.endpointId());
			data.put("reason", retirement.reason());
			data.put("retiredAt", retirement.retiredAt().toString());
			data.put("eventId", retirement.eventId());
			data.put("source", retirement.source());
			for (ParticipationView participation : participations.forOrganisation(organisationId)) {
				record.append(participation.campaignId(), organisationId, participation.processInstanceId(),
						new ProcessRecord.Entry(ProcessRecord.Kind.RETIREMENT, retirement.retiredAt(), user, data));
			}
		});
		return published;
	}

}
