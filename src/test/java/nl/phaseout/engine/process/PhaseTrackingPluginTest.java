package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Phase tracking on any model, through the extension property alone. */
class PhaseTrackingPluginTest {

	/** The coverage extension, because the shared test engine records coverage of every instance. */
	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension
		.builder(ProcessTestEngine.CONFIGURATION)
		.build();

	ProcessEngine engine;

	RecordingProcessEvents events;

	String deploymentId;

	@BeforeEach
	void setUp() {
		events = (RecordingProcessEvents) ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getBeans()
			.get("processEvents");
		events.reset();
		deploymentId = null;
	}

	@AfterEach
	void undeploy() {
		if (deploymentId != null) {
			engine.getRepositoryService().deleteDeployment(deploymentId, true);
		}
	}

	@Test
	void enteringAnElementWithAPhaseReportsTheChangeOnceAndKeepsTheVariable() {
		deploy(model("""
				<bpmn:startEvent id="Start">%s</bpmn:startEvent>
				<bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Same" />
				<bpmn:userTask id="Task_Same">%s</bpmn:userTask>
				<bpmn:sequenceFlow id="f2" sourceRef="Task_Same" targetRef="Task_Next" />
				<bpmn:userTask id="Task_Next">%s</bpmn:userTask>
				<bpmn:sequenceFlow id="f3" sourceRef="Task_Next" targetRef="End" />
				<bpmn:endEvent id="End" />
				""".formatted(phase("INVENTORY"), phase("INVENTORY"), phase("ROLLOUT"))));

		String id = engine.getRuntimeService()
			.startProcessInstanceByKey("phases", "o", Map.of("campaignId", "c"))
			.getId();
		engine.getTaskService().complete(engine.getTaskService().createTaskQuery().singleResult().getId());

		assertThat(events.phaseChanges).containsExactly(
				new RecordingProcessEvents.PhaseChange("o", Phase.INVENTORY, null),
				new RecordingProcessEvents.PhaseChange("o", Phase.ROLLOUT, Phase.INVENTORY));
		assertThat(engine.getRuntimeService().getVariable(id, "phase")).isEqualTo("ROLLOUT");
	}

	@Test
	void aPhaseThatDoesNotExistFailsTheDeploymentAndSaysWhere() {
		assertThatThrownBy(() -> deploy(model("""
				<bpmn:startEvent id="Start_Typo">%s</bpmn:startEvent>
				<bpmn:sequenceFlow id="f1" sourceRef="Start_Typo" targetRef="End" />
				<bpmn:endEvent id="End" />
				""".formatted(phase("ROLL_OUT"))))).hasStackTraceContaining("Start_Typo has phase 'ROLL_OUT'");
	}

	private static String phase(String phase) {
		return "<bpmn:extensionElements><camunda:properties><camunda:property name=\"phase\" value=\"" + phase
				+ "\" /></camunda:properties></bpmn:extensionElements>";
	}

	private static String model(String elements) {
		return """
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
				  <bpmn:process id="phases" isExecutable="true" camunda:historyTimeToLive="P1D">
				%s
				  </bpmn:process>
				</bpmn:definitions>
				""".formatted(elements);
	}

	private void deploy(String model) {
		deploymentId = engine.getRepositoryService()
			.createDeployment()
			.addString("phases.bpmn", model)
			.deploy()
			.getId();
	}

}
