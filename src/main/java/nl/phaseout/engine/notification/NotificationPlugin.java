package nl.phaseout.engine.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.process.ProcessConstants;

/**
 * Tells {@link Notices} what the engine does, without a listener in the diagrams: every user task
 * of every process gets a create listener (after the diagram's own, so the task has its Dutch
 * name), and the deadline watch's {@code Task_RecordMissedDeadline} an end listener. Both run in
 * the engine's transaction, so the notice commits with the task or the missed milestone, or not at
 * all.
 */
@Component
class NotificationPlugin extends AbstractProcessEnginePlugin {

	private final Supplier<Notices> notices;

	/** Notices is looked up when first used: it needs the engine's services itself. */
	NotificationPlugin(ObjectProvider<Notices> notices) {
		this.notices = notices::getObject;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
		if (listeners == null) {
			listeners = new ArrayList<>();
			configuration.setCustomPostBPMNParseListeners(listeners);
		}
		listeners.add(new NoticeParseListener());
	}

	private final class NoticeParseListener extends AbstractBpmnParseListener {

		private final TaskListener taskCreated = task -> notices.get().taskCreated(task);

		private final ExecutionListener milestoneMissed = execution -> notices.get().milestoneMissed(execution);

		@Override
		public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
				userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, taskCreated);
			}
		}

		@Override
		public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			if (ProcessConstants.Element.TASK_RECORD_MISSED_DEADLINE.equals(activity.getId())) {
				activity.addListener(ExecutionListener.EVENTNAME_END, milestoneMissed);
			}
		}

	}

}
