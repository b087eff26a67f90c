package nl.phaseout.engine.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** The engine's post-BPMN parse listeners, which the process's plugins each add one to. */
final class PostParseListeners {

	private PostParseListeners() {
	}

	/** Adds the listener after the others, creating the engine's list when no plugin has yet. */
	static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
		List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
		if (listeners == null) {
			listeners = new ArrayList<>();
			configuration.setCustomPostBPMNParseListeners(listeners);
		}
		listeners.add(listener);
	}

}
