package nl.phaseout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Which way the data path runs: the inventory publishes its facts and its change notice
 * ({@code InventoryChanges}) and depends on nobody downstream; other modules read its tables only
 * through the views it owns ({@code InventoryViews}), which the module check cannot see in SQL.
 */
class ModuleDependenciesTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(PhaseoutEngineApplication.class);

	private static final Path MAIN = Path.of("src/main/java/nl/phaseout/engine");

	/** An inventory table named in SQL: {@code inv_} followed by a name. */
	private static final Pattern INVENTORY_TABLE = Pattern.compile("\\binv_[a-z_]+");

	@Test
	void inventoryDependsOnTheSharedModuleOnly() {
		ApplicationModule inventory = MODULES.getModuleByName("inventory").orElseThrow();
		List<String> dependencies = inventory.getDependencies(MODULES).uniqueModules().map(ApplicationModule::getName).toList();
		assertThat(dependencies).containsOnly("system");
	}

	@Test
	void processReadsTheInventoryNotTheOtherWayRound() {
		ApplicationModule process = MODULES.getModuleByName("process").orElseThrow();
		assertThat(process.getDependencies(MODULES).containsModuleNamed("inventory")).isTrue();
	}

	@Test
	void onlyTheInventoryNamesItsTables() throws IOException {
		List<Path> sources;
		try (Stream<Path> files = Files.walk(MAIN)) {
			sources = files.filter(file -> file.toString().endsWith(".java")).toList();
		}
		assertThat(sources).hasSizeGreaterThan(100);
		List<String> outside = sources.stream()
			.filter(file -> !file.startsWith(MAIN.resolve("inventory")))
			.filter(file -> INVENTORY_TABLE.matcher(read(file)).find())
			.map(Path::toString)
			.toList();
		assertThat(outside).as("main sources outside inventory/ that name an inv_ table").isEmpty();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
