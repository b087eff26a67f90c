package nl.phaseout.engine.inventory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.process.PhaseoutProcess;

/** Connects ingestion to the campaigns, the process API and the participation read model. */
@Configuration(proxyBeanMethods = false)
class InventoryWiring {

	@Bean
	ActiveCampaigns activeCampaigns(CampaignCatalog campaigns) {
		return () -> campaigns.active()
			.stream()
			.map(campaign -> new ActiveCampaigns.Campaign(campaign.id(), campaign.classificationDecision()))
			.toList();
	}

	@Bean
	Advancement advancement(PhaseoutProcess process) {
		return new Advancement() {

			@Override
			public void inventoryChanged(String organisationId) {
				process.inventoryChanged(organisationId);
			}

			@Override
			public void alternativeSelected(String organisationId) {
				process.alternativeSelected(organisationId);
			}

			@Override
			public void contractTerminated(String organisationId) {
				process.contractTerminated(organisationId);
			}

			@Override
			public void regression(String campaignId, String organisationId) {
				process.regression(campaignId, organisationId);
			}

		};
	}

}
