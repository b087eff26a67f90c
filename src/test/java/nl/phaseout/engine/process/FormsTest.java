package nl.phaseout.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the forms promise before the engine checks it again: free text is limited, text from users
 * and feeds is never Markdown or HTML, dates are typed as days.
 */
@Tag("security")
class FormsTest {

	/**
	 * What a text component may show of the variables: form-js renders its text as Markdown with HTML.
	 * The organisation's name is refused at registration when it holds markup or hidden characters; the
	 * others are the engine's own words and numbers.
	 */
	private static final Set<String> SHOWN_AS_MARKDOWN = Set.of("organisationName", "missedMilestonesTekst", "regressionBanned");

	/** Text the process builds from what feeds and users wrote. */
	private static final Set<String> FROM_FEEDS_AND_USERS = Set.of("gapEndpointsList", "regressionEndpointsList",
			"evidenceEndpointsList", "evidenceScanSourceTekst", "contractRemarks", "exemptionEndpoints",
			"exemptionReason", "exemptionRequestedBy");

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");

	@Test
	void everyFreeTextInputIsLimitedTo4000Characters() {
		for (String form : FormFiles.NAMES) {
			FormFiles.components(form)
				.stream()
				.filter(FormFiles::editable)
				.filter(component -> Set.of("textfield", "textarea").contains(component.get("type")))
				.forEach(component -> assertThat(FormFiles.validate(component).get("maxLength"))
					.as(form + " " + component.get("key") + " maxLength")
					.isInstanceOfSatisfying(Integer.class, max -> assertThat(max).isBetween(1, 4000)));
		}
	}

	@Test
	void textComponentsShowNoTextFromUsersOrFeeds() {
		for (String form : FormFiles.NAMES) {
			for (Map<String, Object> component : FormFiles.components(form)) {
				if ("text".equals(component.get("type"))) {
					Matcher variables = TEMPLATE.matcher((String) component.get("text"));
					while (variables.find()) {
						assertThat(variables.group(1)).as(form + " " + component.get("id")).isIn(SHOWN_AS_MARKDOWN);
					}
				}
				if (component.get("key") instanceof String key && FROM_FEEDS_AND_USERS.contains(key)) {
					assertThat(component.get("type")).as(form + " " + component.get("key"))
						.isIn("textfield", "textarea");
				}
			}
		}
	}

	@Test
	void datesAreTypedAsDaysNotPickedFromACalendarThatRollsThemOver() {
		for (String form : FormFiles.NAMES) {
			assertThat(FormFiles.components(form)).as(form)
				.noneSatisfy(component -> assertThat(component.get("type")).isEqualTo("datetime"));
		}
		assertThat(FormFiles.field("confirm-contract-ended", "contractEndedOn")).containsEntry("type", "textfield");
		assertThat(FormFiles.field("review-contracts", "contractEndDate")).containsEntry("type", "textfield");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "31-12-2027, true", "1-3-2027, true", "2027-12-31, true", "12/31/2027, false", "31-12-27, false",
			"2027-12-7, false", "31 december 2027, false" })
	void theDateFieldsAcceptDayMonthYear(String typed, boolean accepted) {
		for (var field : List.of(FormFiles.field("confirm-contract-ended", "contractEndedOn"),
				FormFiles.field("review-contracts", "contractEndDate"))) {
			String pattern = (String) FormFiles.validate(field).get("pattern");
			assertThat(Pattern.compile(pattern).matcher(typed).find()).as(pattern).isEqualTo(accepted);
		}
	}

	@Test
	void theContractEndFormShowsTheReviewAndAsksForNothingItAlreadyHas() {
		assertThat(FormFiles.field("confirm-contract-ended", "contractEndDateTekst")).containsEntry("readonly", true);
		assertThat(FormFiles.field("confirm-contract-ended", "contractRemarks")).containsEntry("readonly", true)
			.containsEntry("type", "textarea");
		List<Object> asked = editableKeys("confirm-contract-ended");
		assertThat(asked).containsExactlyInAnyOrder("contractEndedOn", "contractEndRemarks")
			.doesNotContainAnyElementsOf(editableKeys("review-contracts"));
	}

	/**
	 * Tasklist shows a variable as it is: where the process keeps a key, an ISO-8601 date or a URN, the
	 * forms show the engine's Dutch words for it ({@code ...Tekst}), never the value itself.
	 */
	@Test
	void theFormsShowWordsNotKeysDatesOrSources() {
		Set<String> raw = Set.of("phase", "pmGroup", "deadline", "missedMilestones", "deadlineDue", "milestonePhase",
				"evidenceScanCompletedAt", "evidenceScanSource", "category", "applicability", "campaignId");
		for (String form : FormFiles.NAMES) {
			for (Map<String, Object> component : FormFiles.components(form)) {
				assertThat(component.get("key")).as(form + " " + component.get("id")).isNotIn(raw);
				if (component.get("text") instanceof String text) {
					Matcher variables = TEMPLATE.matcher(text);
					while (variables.find()) {
						assertThat(variables.group(1)).as(form + " " + component.get("id")).isNotIn(raw);
					}
				}
			}
		}
		assertThat(FormFiles.field("confirm-contract-ended", "contractEndDateTekst")).containsEntry("type", "textfield");
		assertThat(FormFiles.field("handle-missed-deadline", "deadlineDueTekst")).containsEntry("readonly", true);
	}

	/** form-js refuses to render a form in which two fields claim one key ("binding path ... is already claimed"). */
	@Test
	void everyKeyIsBoundOncePerForm() {
		for (String form : FormFiles.NAMES) {
			List<Object> keys = FormFiles.components(form).stream().map(c -> c.get("key")).filter(k -> k != null).toList();
			assertThat(keys).as(form).doesNotHaveDuplicates();
		}
	}

	/**
	 * form-js says "Field is required." in English and cannot be told otherwise: every required field
	 * says "Verplicht" itself, in Dutch, under its label.
	 */
	@Test
	void everyRequiredFieldSaysSoInDutch() {
		for (String form : FormFiles.NAMES) {
			FormFiles.components(form)
				.stream()
				.filter(FormFiles::editable)
				.filter(component -> Boolean.TRUE.equals(FormFiles.validate(component).get("required")))
				.forEach(component -> assertThat((String) component.get("description"))
					.as(form + " " + component.get("key")).startsWith("Verplicht"));
		}
	}

	@Test
	void thePagesOfTheOfficeEscapeEveryValue() throws IOException {
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			templates.filter(Files::isRegularFile).forEach(template -> {
				try {
					assertThat(Files.readString(template)).as(template.toString())
						.doesNotContain("th:utext")
						.doesNotContain("[(${");
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		}
	}

	private static List<Object> editableKeys(String form) {
		return FormFiles.components(form).stream().filter(FormFiles::editable).map(c -> c.get("key")).toList();
	}

}
