package nl.phaseout.engine.process;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * Who a process instance is about, as the application's tables say, read once per engine
 * command: every step asks (gateways, task names, candidate groups, the record), and one command
 * takes many steps. The organisation is the instance's business key; its campaign and deadlines
 * are the process's own row ({@link InstanceParticipations}); the organisation's name and group
 * and the campaign's settings come through {@link Participants}. No process variable is read.
 */
final class ParticipantSession implements Session {

	private final InstanceParticipations instances;

	private final Participants participants;

	private final Map<String, InstanceParticipation> byInstance = new HashMap<>();

	private final Map<String, Participant> byOrganisation = new HashMap<>();

	private ParticipantSession(InstanceParticipations instances, Participants participants) {
		this.instances = instances;
		this.participants = participants;
	}

	/** The session of the command running on this thread. */
	static ParticipantSession current() {
		CommandContext context = Context.getCommandContext();
		if (context == null) {
			throw new IllegalStateException("Who a process instance is about is asked inside an engine command");
		}
		return context.getSession(ParticipantSession.class);
	}

	/** The instance's organisation (its business key) and campaign, and its deadlines. */
	InstanceParticipation instance(DelegateExecution execution) {
		String processInstanceId = execution.getProcessInstanceId();
		InstanceParticipation participation = instance(processInstanceId);
		String businessKey = execution.getProcessBusinessKey();
		if (!participation.organisationId().equals(businessKey)) {
			throw new IllegalStateException("Process instance " + processInstanceId + " has business key "
					+ businessKey + " but was started for organisation " + participation.organisationId());
		}
		return participation;
	}

	/** The instance's organisation, campaign and deadlines, by its id: for a command that holds no execution of it. */
	InstanceParticipation instance(String processInstanceId) {
		InstanceParticipation participation = byInstance.computeIfAbsent(processInstanceId,
				id -> instances.find(id).orElse(null));
		if (participation == null) {
			throw new IllegalStateException("Process instance " + processInstanceId
					+ " has no row in process_participant: it was not started with a campaign (variable "
					+ ProcessConstants.Var.CAMPAIGN_ID + " at its start)");
		}
		return participation;
	}

	/** The organisation of the instance, in its campaign, as the organisation and campaign tables say now. */
	Participant participant(DelegateExecution execution) {
		InstanceParticipation instance = instance(execution);
		String key = instance.campaignId() + "/" + instance.organisationId();
		Participant participant = byOrganisation.computeIfAbsent(key,
				k -> participants.participant(instance.campaignId(), instance.organisationId()).orElse(null));
		if (participant == null) {
			throw new IllegalStateException("Organisation " + instance.organisationId() + " in campaign "
					+ instance.campaignId() + " is not known: register it, or check the campaign");
		}
		return participant;
	}

	void started(String processInstanceId, InstanceParticipation participation) {
		instances.started(processInstanceId, participation);
		byInstance.put(processInstanceId, participation);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	/** Opens a session per command; the ports are looked up when first used (they may need the engine). */
	static SessionFactory factory(Supplier<InstanceParticipations> instances, Supplier<Participants> participants) {
		return new SessionFactory() {
			@Override
			public Class<?> getSessionType() {
				return ParticipantSession.class;
			}

			@Override
			public Session openSession() {
				return new ParticipantSession(instances.get(), participants.get());
			}
		};
	}

}
