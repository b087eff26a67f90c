package nl.phaseout.engine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history keeps process instances, tasks, events and the operation log, and drops variables and gateways. */
class HistoryFilterPluginTest {

	private ProcessEngine engine;

	@BeforeEach
	void engine() {
		StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
		configuration.setProcessEngineName("historyfilter");
		configuration.setJdbcUrl("jdbc:h2:mem:historyfilter;DB_CLOSE_DELAY=1000");
		configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
		configuration.setJobExecutorActivate(false);
		configuration.setProcessEnginePlugins(List.of(new HistoryFilterPlugin()));
		engine = configuration.buildProcessEngine();
		BpmnModelInstance model = Bpmn.createExecutableProcess("filtered")
			.camundaHistoryTimeToLive(1)
			.startEvent("Start")
			.exclusiveGateway("Gateway_Route")
			.condition("yes", "${route}")
			.userTask("Task_Review")
			.endEvent("End_Reviewed")
			.moveToLastGateway()
			.condition("no", "${!route}")
			.endEvent("End_Skipped")
			.done();
		engine.getRepositoryService().createDeployment().addModelInstance("filtered.bpmn", model).deploy();
	}

	@AfterEach
	void close() {
		engine.close();
	}

	@Test
	void keepsInstancesTasksEventsAndTheOperationLogAndDropsVariablesAndGateways() {
		ProcessInstance instance = engine.getRuntimeService()
			.startProcessInstanceByKey("filtered", "org-1", Map.of("route", true));
		engine.getIdentityService().setAuthenticatedUserId("jan");
		String task = engine.getTaskService().createTaskQuery().singleResult().getId();
		engine.getTaskService().complete(task, Map.of("rationale", "done"));
		engine.getIdentityService().clearAuthentication();

		HistoryService history = engine.getHistoryService();
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished().count())
			.isOne();
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
			.extracting(HistoricActivityInstance::getActivityId)
			.containsExactlyInAnyOrder("Start", "Task_Review", "End_Reviewed");
		assertThat(history.createHistoricTaskInstanceQuery().taskId(task).finished().count()).isOne();
		assertThat(history.createUserOperationLogQuery().taskId(task).count()).isPositive();
		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
		assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).count()).isZero();
		// what runs is unchanged: the variables are there while the instance is
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
	}

}
