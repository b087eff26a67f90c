package nl.phaseout.engine.inventory;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/**
 * A real, in-memory Camunda engine with the classification DMN (and a second campaign's test DMN) deployed,
 * shared by the tests of this JVM.
 */
final class ClassificationEngine {

	private static ProcessEngine engine;

	/** A second campaign's decision, for tests of two campaigns: Windows 10 banned, an active Windows 11 the alternative. */
	static final String WINDOWS_10_DMN = "campaigns/test-windows-10-classification.dmn";

	static final String WINDOWS_10_DECISION = "test-windows-10-classification";

	private ClassificationEngine() {
	}

	static synchronized ProcessEngine engine() {
		if (engine == null) {
			var configuration = new StandaloneInMemProcessEngineConfiguration();
			configuration.setJdbcUrl("jdbc:h2:mem:inventory-classification;DB_CLOSE_DELAY=-1");
			configuration.setProcessEngineName("inventory-classification");
			configuration.setJobExecutorActivate(false);
			configuration.setHistory("none");
			engine = configuration.buildProcessEngine();
			engine.getRepositoryService()
				.createDeployment()
				.addClasspathResource("bpmn/phaseout-product-classification.dmn")
				.addClasspathResource(WINDOWS_10_DMN)
				.deploy();
		}
		return engine;
	}

	/** The engine's decision service, counting how often a decision is evaluated. */
	static DecisionService counting(AtomicInteger evaluations) {
		DecisionService real = engine().getDecisionService();
		return (DecisionService) Proxy.newProxyInstance(DecisionService.class.getClassLoader(),
				new Class<?>[] { DecisionService.class }, (proxy, method, args) -> {
					if (method.getName().startsWith("evaluateDecision")) {
						evaluations.incrementAndGet();
					}
					return method.invoke(real, args);
				});
	}

}
