package nl.phaseout.engine.organisation;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.process.Participant;
import nl.phaseout.engine.process.Participants;
import nl.phaseout.engine.process.Phase;
import nl.phaseout.engine.process.ProcessStart;
import nl.phaseout.engine.report.Participations;

/** The process's view of who takes part in which campaign, from the application's own tables. */
@Component
class OrganisationParticipants implements Participants {

	private final OrganisationRepository organisations;

	private final CampaignCatalog campaigns;

	private final Participations participations;

	OrganisationParticipants(OrganisationRepository organisations, CampaignCatalog campaigns,
			Participations participations) {
		this.organisations = organisations;
		this.campaigns = campaigns;
		this.participations = participations;
	}

	@Override
	public Optional<Participant> participant(String campaignId, String organisationId) {
		return campaigns.find(campaignId)
			.flatMap(campaign -> organisations.find(organisationId)
				.map(organisation -> new Participant(organisation.name(), organisation.pmGroup(),
						organisation.category().name(), campaign.applicabilityDecision(), campaign.vendors())));
	}

	@Override
	public Optional<ProcessStart> restartAfterPhaseOut(String campaignId, String organisationId, Instant at) {
		if (!participations.phase(campaignId, organisationId).filter(Phase.PHASED_OUT::equals).isPresent()) {
			return Optional.empty();
		}
		Optional<Campaign> campaign = campaigns.find(campaignId);
		return organisations.find(organisationId)
			.flatMap(organisation -> campaign.map(c -> new ProcessStart(c.id(), organisation.id(), organisation.name(),
					organisation.category().name(), organisation.pmGroup(), c.applicabilityDecision(), c.vendors(),
					c.deadlinesFrom(at))));
	}

}
