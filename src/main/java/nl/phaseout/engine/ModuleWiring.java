package nl.phaseout.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.inventory.ActiveCampaigns;
import nl.phaseout.engine.process.CampaignDecisions;
import nl.phaseout.engine.process.ExemptedSignOff;

/**
 * Wiring between modules that neither may do itself without closing a cycle: the campaigns name
 * their deadlines by the process's milestones, the process reads the inventory, so the inventory
 * hears of the active campaigns through its own port {@link ActiveCampaigns}, connected here, above
 * both; so does the process of a campaign's decision date ({@link CampaignDecisions}) and of whether
 * exempted endpoints may pass to sign-off ({@link ExemptedSignOff}).
 */
@Configuration(proxyBeanMethods = false)
class ModuleWiring {

	@Bean
	ActiveCampaigns activeCampaigns(CampaignCatalog campaigns) {
		return () -> campaigns.active()
			.stream()
			.map(campaign -> new ActiveCampaigns.Campaign(campaign.id(), campaign.classificationDecision(),
					campaign.staleAfterDuration()))
			.toList();
	}

	@Bean
	CampaignDecisions campaignDecisions(CampaignCatalog campaigns) {
		return campaignId -> campaigns.find(campaignId).map(Campaign::decisionDate);
	}

	@Bean
	ExemptedSignOff exemptedSignOff(CampaignCatalog campaigns) {
		return campaignId -> campaigns.find(campaignId).map(campaign -> campaign.exemptions().allowSignOff()).orElse(false);
	}

}
