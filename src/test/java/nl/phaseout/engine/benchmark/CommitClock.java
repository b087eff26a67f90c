package nl.phaseout.engine.benchmark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * When the transactions the latency is measured to have committed ({@link System#nanoTime()}), per
 * organisation: the one that moved its process past the baseline wait, and the ingestion transaction that
 * projected its scan. Both from hooks outside the application's code: a process engine plugin that gives the
 * gateway after the wait ({@value #PAST_BASELINE}, an id of the phase-out process alone, reached only once the
 * baseline is known) a start listener,
 * which registers a listener for the commit of the transaction it runs in; and a batch interceptor on the
 * inventory listener, whose {@code success} runs when the listener has returned, so after ingestion's
 * transaction committed.
 */
final class CommitClock extends AbstractProcessEnginePlugin {

	static final String PAST_BASELINE = "Gateway_BannedFound";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Long> processMoved = new ConcurrentHashMap<>();

	private final Map<String, Integer> processesMovedOf = new ConcurrentHashMap<>();

	private final int campaigns;

	/** @param campaigns the active campaigns: an organisation has moved once each of its processes has */
	CommitClock(int campaigns) {
		this.campaigns = campaigns;
	}

	private final Map<String, Long> scanProjected = new ConcurrentHashMap<>();

	/**
	 * When the transaction that moved the organisation's process past its baseline wait committed; with more
	 * than one campaign, the last of its processes' transactions.
	 */
	Long processMoved(String organisationId) {
		return processMoved.get(organisationId);
	}

	/** When the ingestion transaction that projected the organisation's scan committed. */
	Long scanProjected(String organisationId) {
		return scanProjected.get(organisationId);
	}

	long processesMoved(Predicate<String> organisations) {
		return processesMovedOf.entrySet()
			.stream()
			.filter(moved -> moved.getValue() >= campaigns && organisations.test(moved.getKey()))
			.count();
	}

	long scansProjected() {
		return scanProjected.size();
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
		if (listeners == null) {
			listeners = new ArrayList<>();
			configuration.setCustomPostBPMNParseListeners(listeners);
		}
		listeners.add(new AbstractBpmnParseListener() {

			@Override
			public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getId().equals(PAST_BASELINE)) {
					activity.addListener(ExecutionListener.EVENTNAME_START, pastBaseline());
				}
			}

		});
	}

	private ExecutionListener pastBaseline() {
		return execution -> {
			String organisationId = execution.getProcessBusinessKey();
			Context.getCommandContext()
				.getTransactionContext()
				.addTransactionListener(TransactionState.COMMITTED,
						committed -> {
							processMoved.merge(organisationId, System.nanoTime(), Math::max);
							processesMovedOf.merge(organisationId, 1, Integer::sum);
						});
		};
	}

	/**
	 * Watches the scans of the organisations given; set while the listener is stopped, as its consumers take
	 * the interceptor when they start. Only their records are parsed, so the throughput run pays a prefix test.
	 */
	@SuppressWarnings("unchecked")
	void watchScans(MessageListenerContainer listener, Predicate<String> organisations) {
		var container = (AbstractMessageListenerContainer<Object, Object>) listener;
		container.setBatchInterceptor(new BatchInterceptor<Object, Object>() {

			@Override
			public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
					Consumer<Object, Object> consumer) {
				return records;
			}

			@Override
			public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
				long now = System.nanoTime();
				for (ConsumerRecord<Object, Object> record : records) {
					if (record.key() instanceof String organisationId && organisations.test(organisationId)
							&& isScan((byte[]) record.value())) {
						scanProjected.put(organisationId, now);
					}
				}
			}

		});
	}

	private static boolean isScan(byte[] event) {
		try {
			return JSON.readTree(event).path("type").asText().equals(Workload.SCAN_COMPLETED);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
