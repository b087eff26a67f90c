package nl.phaseout.engine.organisation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.inventory.ParkedInventory;
import nl.phaseout.engine.campaign.Category;
import nl.phaseout.engine.process.PhaseoutProcess;
import nl.phaseout.engine.process.ProcessStart;
import nl.phaseout.engine.security.ProjectManagerGroups;

/**
 * Registers an organisation and starts its phase-out process in every active campaign,
 * all in one transaction: either the organisation exists with its processes, or nothing
 * happened. The organisation's primary key makes a second registration fail, so there is
 * never a second process. Events that arrived for the organisation before it registered are
 * applied, when their source may report for it, before its processes start.
 */
@Service
class OrganisationRegistration {

	private final OrganisationRepository organisations;

	private final CampaignCatalog campaigns;

	private final PhaseoutProcess process;

	private final ProjectManagerGroups pmGroups;

	private final OrganisationSources sources;

	private final ParkedInventory parkedInventory;

	OrganisationRegistration(OrganisationRepository organisations, CampaignCatalog campaigns,
			PhaseoutProcess process, ProjectManagerGroups pmGroups,
			OrganisationSources sources, ParkedInventory parkedInventory) {
		this.sources = sources;
		this.parkedInventory = parkedInventory;
		this.organisations = organisations;
		this.campaigns = campaigns;
		this.process = process;
		this.pmGroups = pmGroups;
	}

	@Transactional
	public Organisation register(RegistrationRequest request) {
		List<String> problems = request.problems();
		if (!problems.isEmpty()) {
			throw new InvalidRegistrationException(problems);
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Organisation organisation = new Organisation(request.id().trim(), request.name().trim(),
				Category.valueOf(request.category().trim()), request.effectivePmGroup(), now);
		organisations.insert(organisation);
		sources.replace(organisation.id(), request.effectiveSources());
		organisations.verification(organisation.id(), request.effectiveVerification());
		// Before the processes start, so that they see the inventory that arrived ahead of the registration.
		parkedInventory.release(organisation.id());
		pmGroups.ensure(organisation.pmGroup(), organisation.name());
		for (Campaign campaign : campaigns.active()) {
			Map<String, Instant> deadlines = campaign.deadlinesFrom(now);
			// the process reports the participation it begins (ProcessEvents): only it writes the report's tables
			process.start(new ProcessStart(campaign.id(), organisation.id(),
					organisation.name(), organisation.category().name(), organisation.pmGroup(),
					campaign.applicabilityDecision(), campaign.vendors(), deadlines));
		}
		return organisation;
	}

}
