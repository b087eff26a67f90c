package nl.phaseout.engine.robust;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A JVM of its own on the test's runtime class path, its output in a log file. */
final class ChildJvm {

	private ChildJvm() {
	}

	static Process start(List<String> options, Class<?> main, List<String> arguments, Map<String, String> environment,
			Path directory, Path log) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.addAll(List.of("-cp", classPath(), main.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The test's runtime class path without empty entries: Surefire's ends in a separator, which
	 * would put the working directory (the project, with its top-level {@code bpmn/}) on the class
	 * path and deploy every process twice.
	 */
	private static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.isBlank())
			.collect(Collectors.joining(File.pathSeparator));
	}

}
