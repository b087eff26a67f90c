package nl.phaseout.engine.campaign;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A campaign's life: created as a draft (checked whole, then stored with its decisions deployed, in
 * one transaction: a refused definition leaves nothing behind), activated (its processes start in
 * the background, {@link CampaignEnrolment}), closed (its running processes end in the background,
 * {@link CampaignClosing}; it starts nothing more and keeps its records).
 */
@Service
public class CampaignLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CampaignLifecycle.class);

	private final CampaignCatalog catalog;

	private final CampaignDefinitions definitions;

	private final CampaignDecisionTables decisions;

	private final ObjectProvider<CampaignEnrolment> enrolment;

	private final ObjectProvider<CampaignClosing> closing;

	CampaignLifecycle(CampaignCatalog catalog, CampaignTemplates templates, CampaignDecisionTables decisions,
			ObjectProvider<CampaignEnrolment> enrolment, ObjectProvider<CampaignClosing> closing) {
		this.catalog = catalog;
		// A DMN engine of its own, as Camunda's defaults build it (FEEL): the process engine's parses only
		// inside its commands. It checks; the process engine deploys and evaluates.
		this.definitions = new CampaignDefinitions(templates,
				DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine());
		this.decisions = decisions;
		this.enrolment = enrolment;
		this.closing = closing;
	}

	/** What activation answers: the campaign, and how many organisations are still to join it. */
	public record Activation(Campaign campaign, long organisationsToJoin) {
	}

	/** Stores the definition as a draft with its decisions deployed, or refuses it whole. */
	@Transactional
	public Campaign create(CampaignDefinition definition) {
		CampaignDefinitions.Checked checked = definitions.check(definition, id -> catalog.find(id).isPresent());
		Campaign campaign = checked.campaign();
		try {
			catalog.insert(campaign);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidCampaignException(List.of("id '" + campaign.id() + "' is in use; choose another"));
		}
		try {
			decisions.deploy(campaign.id(), campaign.name(), checked.classification(), checked.applicability(),
					checked.rationale());
		}
		catch (ProcessEngineException ex) {
			// what the checks cannot see (a camunda: attribute the engine refuses): the whole creation rolls back
			throw new InvalidCampaignException(List.of("Camunda refused to deploy the classification: "
					+ ex.getMessage().lines().findFirst().orElse("")));
		}
		log.info("Campaign {} ({}) created as a draft, decisions {} and {}", campaign.id(), campaign.name(),
				campaign.classificationDecision(), campaign.applicabilityDecision());
		return campaign;
	}

	/**
	 * Activates a draft (an active campaign stays so: activation is idempotent); a closed campaign
	 * is refused with {@link CampaignStateException}. The organisations join after the commit.
	 */
	@Transactional
	public Activation activate(String id) {
		Campaign campaign = catalog.find(id).orElseThrow(() -> new UnknownCampaignException(id));
		if (campaign.status() == Campaign.Status.CLOSED) {
			throw new CampaignStateException("Campaign '" + id + "' is closed: a closed campaign is not activated"
					+ " again. Create a new campaign instead.");
		}
		if (campaign.status() == Campaign.Status.DRAFT && catalog.changeStatus(id, Campaign.Status.DRAFT,
				Campaign.Status.ACTIVE)) {
			log.info("Campaign {} activated", id);
		}
		afterCommit(() -> enrolment.ifAvailable(CampaignEnrolment::wake));
		return new Activation(campaign.withStatus(Campaign.Status.ACTIVE),
				enrolment.getIfAvailable() == null ? 0 : enrolment.getObject().waiting(id));
	}

	/** Closes a draft or an active campaign (a closed one stays so); its running processes end after the commit. */
	@Transactional
	public Campaign close(String id, String closedBy) {
		Campaign campaign = catalog.find(id).orElseThrow(() -> new UnknownCampaignException(id));
		if (campaign.status() != Campaign.Status.CLOSED
				&& catalog.changeStatus(id, campaign.status(), Campaign.Status.CLOSED)) {
			log.info("Campaign {} closed by {}", id, closedBy);
			afterCommit(() -> closing.ifAvailable(c -> c.closed(id, closedBy)));
		}
		return campaign.withStatus(Campaign.Status.CLOSED);
	}

	/** Who must, should or need not act, per category, as the campaign's deployed decision answers. */
	public Map<String, String> applicability(Campaign campaign) {
		return decisions.applicability(campaign.applicabilityDecision());
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}
