package nl.phaseout.engine.inventory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notices a deployment that changes an active campaign's product classification decision (a new
 * version whose table differs from the one before, from Cockpit, the REST API or a restart with a
 * changed {@code bpmn/}) and asks, in the deployment's transaction, for the campaign's endpoints
 * to be classified again ({@code inv_reclassification}). {@link Reclassification} does it.
 */
@Component
class ClassificationDeployments extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(ClassificationDeployments.class);

	private final ObjectProvider<ActiveCampaigns> campaigns;

	private final ObjectProvider<JdbcTemplate> jdbc;

	private final ObjectProvider<Reclassification> reclassification;

	ClassificationDeployments(ObjectProvider<ActiveCampaigns> campaigns, ObjectProvider<JdbcTemplate> jdbc,
			ObjectProvider<Reclassification> reclassification) {
		this.campaigns = campaigns;
		this.jdbc = jdbc;
		this.reclassification = reclassification;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomPostDeployers());
		deployers.add(this::deployed);
		configuration.setCustomPostDeployers(deployers);
	}

	private void deployed(DeploymentEntity deployment) {
		if (!deployment.isNew() || deployment.getDeployedDecisionDefinitions() == null) {
			return;
		}
		Set<String> classifying = campaigns.getIfAvailable(ActiveCampaigns::defaultCampaign)
			.activeCampaigns()
			.stream()
			.map(ActiveCampaigns.Campaign::classificationDecisionKey)
			.collect(Collectors.toSet());
		for (DecisionDefinition decision : deployment.getDeployedDecisionDefinitions()) {
			if (classifying.contains(decision.getKey()) && changed(deployment, (DecisionDefinitionEntity) decision)) {
				log.info("Decision {} changed in deployment {}: its campaigns' endpoints will be classified again",
						decision.getKey(), deployment.getId());
				jdbc.getObject().update("INSERT INTO inv_reclassification (decision_key, deployment_id, requested_at)"
						+ " VALUES (?, ?, ?)", decision.getKey(), deployment.getId(), Timestamp.from(Instant.now()));
				wakeAfterCommit();
			}
		}
	}

	/** A version whose table differs from the version before it; the first version changes nothing classified. */
	private static boolean changed(DeploymentEntity deployment, DecisionDefinitionEntity decision) {
		DecisionDefinitionEntity previous = decision.getPreviousDefinition();
		if (previous == null) {
			return false;
		}
		ResourceEntity now = deployment.getResource(decision.getResourceName());
		ResourceEntity before = Context.getCommandContext()
			.getResourceManager()
			.findResourceByDeploymentIdAndResourceName(previous.getDeploymentId(), previous.getResourceName());
		return now == null || before == null || !Arrays.equals(now.getBytes(), before.getBytes());
	}

	private void wakeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					reclassification.ifAvailable(Reclassification::wake);
				}
			});
		}
	}

}
