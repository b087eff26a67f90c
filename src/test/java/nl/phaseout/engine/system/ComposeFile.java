package nl.phaseout.engine.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Compose file read as Docker Compose reads it, for the parts {@link ComposeFileTest} checks:
 * YAML anchors and merge keys resolved, environment, ports and volumes in their short syntax.
 */
record ComposeFile(String text, Map<String, Object> root) {

	static ComposeFile read(Path path) throws IOException {
		String text = Files.readString(path);
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
		return new ComposeFile(text, root);
	}

	Map<String, Map<String, Object>> services() {
		return map(root.get("services"));
	}

	Map<String, Object> service(String name) {
		return map(services().get(name));
	}

	Map<String, Object> declaredVolumes() {
		return root.containsKey("volumes") ? map(root.get("volumes")) : Map.of();
	}

	/** The environment, in either syntax; a number or boolean as Compose passes it, as text. */
	Map<String, String> environment(String service) {
		Object environment = service(service).get("environment");
		Map<String, String> result = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> entries) {
			entries.forEach((name, value) -> result.put(String.valueOf(name), value == null ? "" : String.valueOf(value)));
		}
		else if (environment instanceof List<?> lines) {
			for (Object line : lines) {
				String[] pair = String.valueOf(line).split("=", 2);
				result.put(pair[0], pair.length > 1 ? pair[1] : "");
			}
		}
		return result;
	}

	/** The host ports a service publishes ({@code [ip:]host:container} or the long syntax). */
	List<Integer> publishedPorts(String service) {
		List<Integer> ports = new ArrayList<>();
		for (Object port : list(service(service).get("ports"))) {
			if (port instanceof Map<?, ?> longSyntax) {
				Optional.ofNullable(longSyntax.get("published"))
					.ifPresent(published -> ports.add(Integer.valueOf(String.valueOf(published))));
			}
			else {
				String[] parts = String.valueOf(port).split("/")[0].split(":");
				if (parts.length > 1) {
					ports.add(Integer.valueOf(parts[parts.length - 2]));
				}
			}
		}
		return ports;
	}

	/** Named volumes a service mounts (not bind mounts), to the path where it mounts them. */
	Map<String, String> namedVolumes(String service) {
		Map<String, String> volumes = new LinkedHashMap<>();
		for (Object volume : list(service(service).get("volumes"))) {
			if (volume instanceof Map<?, ?> longSyntax) {
				if ("volume".equals(longSyntax.get("type"))) {
					volumes.put(String.valueOf(longSyntax.get("source")), String.valueOf(longSyntax.get("target")));
				}
			}
			else {
				String[] parts = String.valueOf(volume).split(":");
				boolean bindMount = parts[0].startsWith("/") || parts[0].startsWith(".") || parts[0].startsWith("~");
				if (parts.length > 1 && !bindMount) {
					volumes.put(parts[0], parts[1]);
				}
			}
		}
		return volumes;
	}

	@SuppressWarnings("unchecked")
	static <V> Map<String, V> map(Object value) {
		return value == null ? Map.of() : (Map<String, V>) value;
	}

	static List<Object> list(Object value) {
		return value == null ? List.of() : new ArrayList<>((List<?>) value);
	}

}
