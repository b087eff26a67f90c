package nl.phaseout.engine.process;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Phase tracking without a listener in every diagram element: an element that starts a
 * phase says so with the extension property {@code phase}, and this plugin gives it a start
 * listener that keeps the {@code phase} variable and reports the change.
 */
@Component
class PhaseTrackingPlugin extends AbstractProcessEnginePlugin {

	static final String PHASE_PROPERTY = "phase";

	private final Supplier<ProcessEvents> events;

	/** ProcessEvents is looked up when first used: its implementation may itself need the engine. */
	@Autowired
	PhaseTrackingPlugin(ObjectProvider<ProcessEvents> events) {
		this.events = events::getObject;
	}

	PhaseTrackingPlugin(ProcessEvents events) {
		this.events = () -> events;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		PostParseListeners.add(configuration, new PhaseParseListener());
	}

	/** Every kind of element the process uses may start a phase. */
	private final class PhaseParseListener extends AbstractBpmnParseListener {

		@Override
		public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseParallelGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		@Override
		public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(element, activity);
		}

		private void track(Element element, ActivityImpl activity) {
			Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(element);
			if (properties != null && properties.containsKey(PHASE_PROPERTY)) {
				activity.addListener(ExecutionListener.EVENTNAME_START,
						new PhaseListener(phase(activity, properties.get(PHASE_PROPERTY)), events));
			}
		}

		private Phase phase(ActivityImpl activity, String value) {
			try {
				return Phase.valueOf(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Element " + activity.getId() + " has phase '" + value
						+ "', which is not a phase; use one of " + List.of(Phase.values()), ex);
			}
		}

	}

}
