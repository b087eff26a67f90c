package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.CAMPAIGN_ID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Gives every process instance its row in {@code process_participant} as it starts, and every
 * engine command a {@link ParticipantSession}. The row is written from what the instance was
 * started with (business key, variable {@code campaignId}, the {@code deadline_*} variables): only
 * the application and administrators may start an instance, and after its start the process reads
 * the row, never those variables.
 */
@Component
class ParticipantsPlugin extends AbstractProcessEnginePlugin {

	private final Supplier<InstanceParticipations> instances;

	private final Supplier<Participants> participants;

	/** The ports are looked up when first used: their implementations may themselves need the engine. */
	@Autowired
	ParticipantsPlugin(ObjectProvider<InstanceParticipations> instances, ObjectProvider<Participants> participants) {
		this.instances = instances::getObject;
		this.participants = participants::getObject;
	}

	ParticipantsPlugin(InstanceParticipations instances, Participants participants) {
		this.instances = () -> instances;
		this.participants = () -> participants;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<SessionFactory> factories = configuration.getCustomSessionFactories();
		if (factories == null) {
			factories = new ArrayList<>();
			configuration.setCustomSessionFactories(factories);
		}
		factories.add(ParticipantSession.factory(instances, participants));
		ExecutionListener started = ParticipantsPlugin::started;
		PostParseListeners.add(configuration, new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element element, ProcessDefinitionEntity process) {
				// first, and built in (it runs when custom listeners are skipped): the others may ask who it is about
				process.addBuiltInListener(ExecutionListener.EVENTNAME_START, started, 0);
			}
		});
	}

	private static void started(DelegateExecution execution) {
		String organisationId = execution.getProcessBusinessKey();
		Object campaignId = execution.getVariable(CAMPAIGN_ID);
		if (organisationId == null || !(campaignId instanceof String campaign)) {
			throw new IllegalArgumentException("A process instance starts with the organisation's id as business key "
					+ "and its campaign's id in variable " + CAMPAIGN_ID);
		}
		Map<String, Instant> deadlines = new HashMap<>();
		for (String deadline : Milestone.deadlines()) {
			if (execution.getVariable(ProcessConstants.Var.deadline(deadline)) instanceof Date due) {
				deadlines.put(deadline, due.toInstant());
			}
		}
		ParticipantSession.current()
			.started(execution.getProcessInstanceId(), new InstanceParticipation(organisationId, campaign, deadlines));
	}

}
