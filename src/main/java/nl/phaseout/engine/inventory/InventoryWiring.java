package nl.phaseout.engine.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.phaseout.engine.campaign.CampaignCatalog;

/** Connects ingestion to the campaigns. */
@Configuration(proxyBeanMethods = false)
class InventoryWiring {

	@Bean
	ActiveCampaigns activeCampaigns(CampaignCatalog campaigns) {
		return () -> campaigns.active()
			.stream()
			.map(campaign -> new ActiveCampaigns.Campaign(campaign.id(), campaign.classificationDecision()))
			.toList();
	}

}
