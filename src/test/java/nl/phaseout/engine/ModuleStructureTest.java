package nl.phaseout.engine;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The package-by-feature boundaries, checked rather than remembered: no module reaches into
 * another's internals (sub-packages unless exposed as a named interface) and no dependency cycle
 * between modules. Also writes the module documentation, under {@code target/spring-modulith-docs}: it is
 * build output (the order of its lines changes from run to run), not a source to commit.
 */
class ModuleStructureTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(PhaseoutEngineApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublishedTypesAndFormNoCycle() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
