package nl.phaseout.engine.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The shipped campaign definitions, {@code bpmn/templates/*.json} on the classpath (the build copies
 * the top-level {@code bpmn/} folder there), read once at start. A template that does not read
 * stops the start: it is part of the product, not input.
 */
@Component
public class CampaignTemplates {

	static final String LOCATION = "classpath*:bpmn/templates/*.json";

	private final Map<String, CampaignTemplate> templates = new TreeMap<>();

	CampaignTemplates() {
		ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
				try (InputStream in = resource.getInputStream()) {
					CampaignTemplate template = json.readValue(in, CampaignTemplate.class);
					templates.put(template.id(), template);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A campaign template under bpmn/templates does not read", ex);
		}
	}

	/** The templates' ids, in order. */
	public Collection<String> ids() {
		return templates.keySet();
	}

	/** A template's name, for the office's form. */
	public Optional<String> name(String id) {
		return find(id).map(CampaignTemplate::name);
	}

	Optional<CampaignTemplate> find(String id) {
		return Optional.ofNullable(id == null ? null : templates.get(id));
	}

	/** The template's classification DMN, as shipped. */
	static String classification(CampaignTemplate template) {
		try (InputStream in = new ClassPathResource(template.classificationResource()).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Template " + template.id() + " names a classification that does not"
					+ " read: " + template.classificationResource(), ex);
		}
	}

}
