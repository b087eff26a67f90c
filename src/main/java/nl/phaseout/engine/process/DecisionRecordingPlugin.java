package nl.phaseout.engine.process;

import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every user task records its decision when it completes, without a listener in every diagram
 * element: this plugin gives each user task a {@link DecisionRecorder}.
 */
@Component
class DecisionRecordingPlugin extends AbstractProcessEnginePlugin {

	private final Supplier<ProcessRecord> record;

	/** ProcessRecord is looked up when first used: its implementation may itself need the engine. */
	@Autowired
	DecisionRecordingPlugin(ObjectProvider<ProcessRecord> record) {
		this.record = record::getObject;
	}

	DecisionRecordingPlugin(ProcessRecord record) {
		this.record = () -> record;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		DecisionRecorder recorder = new DecisionRecorder(record);
		PostParseListeners.add(configuration, new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
					userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE, recorder);
				}
			}
		});
	}

}
