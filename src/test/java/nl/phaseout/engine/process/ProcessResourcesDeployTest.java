package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything in the top-level bpmn/ folder deploys together, as the application deploys it. */
class ProcessResourcesDeployTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

	ProcessEngine engine;

	@Test
	void everyModelDecisionAndFormInTheBpmnFolderDeploys() throws IOException {
		List<Path> resources = resources(Path.of("bpmn"));
		assertThat(resources).as("resources under bpmn/").isNotEmpty();

		DeploymentBuilder builder = engine.getRepositoryService().createDeployment().name("all of bpmn/");
		for (Path resource : resources) {
			builder.addString(resource.toString().replace('\\', '/'), Files.readString(resource));
		}
		DeploymentWithDefinitions deployment = builder.deployWithResult();
		try {
			assertThat(deployment.getDeployedProcessDefinitions()).extracting("key")
				.contains(ProcessConstants.PROCESS_KEY);
			assertThat(deployment.getDeployedDecisionDefinitions()).extracting("key")
				.contains(ProcessConstants.APPLICABILITY_DECISION, ProcessConstants.PRODUCT_CLASSIFICATION_DECISION);
			assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment.getId()))
				.hasSameSizeAs(resources);
		}
		finally {
			engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
		}
	}

	private static List<Path> resources(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile)
				.filter(path -> path.toString().matches(".*\\.(bpmn|dmn|form)$"))
				.sorted()
				.toList();
		}
	}

}
