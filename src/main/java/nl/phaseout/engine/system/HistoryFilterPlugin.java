package nl.phaseout.engine.system;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Camunda's history keeps what Cockpit, Tasklist and an auditor use, and drops what nobody reads:
 * the record (the {@code record} module) is the evidence, not the history. Kept: process
 * instances, the activity instances of tasks, events and subprocesses, tasks and their candidate
 * groups, incidents, decisions, form fields and the user operation log. Dropped: variable updates
 * (the historic variable instances and their details) and the activity instances of gateways,
 * which only route.
 * <p>
 * The history level stays {@code full}, as every existing database has it stored: a different
 * level would stop the engine from starting on those ("historyLevel mismatch"). The filter wraps
 * whichever handler the engine built, so nothing else about writing history changes.
 */
@Component
class HistoryFilterPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
	}

	/** Whether the event is one the history keeps. */
	static boolean kept(HistoryEvent event) {
		if (event instanceof HistoricVariableUpdateEventEntity) {
			return false;
		}
		if (event instanceof HistoricActivityInstanceEventEntity activity) {
			String type = activity.getActivityType();
			return type == null || !type.endsWith("Gateway");
		}
		return true;
	}

	private record Filter(HistoryEventHandler handler) implements HistoryEventHandler {

		@Override
		public void handleEvent(HistoryEvent event) {
			if (kept(event)) {
				handler.handleEvent(event);
			}
		}

		@Override
		public void handleEvents(List<HistoryEvent> events) {
			List<HistoryEvent> kept = events.stream().filter(HistoryFilterPlugin::kept).toList();
			if (!kept.isEmpty()) {
				handler.handleEvents(kept);
			}
		}

	}

}
