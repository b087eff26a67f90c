package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_REVIEW_CONTRACTS;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_ENDED_ON;
import static nl.phaseout.engine.process.ProcessConstants.Var.CONTRACT_END_DATE;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.inventory.ContractTermination;
import nl.phaseout.engine.system.PlainText;

/**
 * A contract's end date typed into a form is a day that exists, written as the form asks
 * (dd-mm-jjjj; a client may send yyyy-MM-dd), not before the campaign's decision and at most ten
 * years ahead; it is stored as yyyy-MM-dd. Anything else stops the task's completion with a Dutch
 * message that says what to type: no silent rollover of 31-02 into March, no 2026-12-07 read as a
 * day in June. The contract's end is confirmed with its day. A task completed by a
 * {@code contract.terminated} event is not checked: the event's date was checked where it came in.
 */
@Component("contractDates")
class ContractDates implements TaskListener {

	static final int MAX_YEARS_AHEAD = 10;

	/** The date each task asks for, and its field's Dutch label; the others its form shows are read-only. */
	private static final Map<String, Map.Entry<String, String>> DATES = Map.of(TASK_REVIEW_CONTRACTS,
			Map.entry(CONTRACT_END_DATE, "Einddatum contract"), TASK_CONFIRM_CONTRACT_ENDED,
			Map.entry(CONTRACT_ENDED_ON, "Einde contract"));

	private static final DateTimeFormatter DUTCH = DateTimeFormatter.ofPattern("d-M-uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd-MM-uuuu");

	private final CampaignDecisions campaigns;

	ContractDates(CampaignDecisions campaigns) {
		this.campaigns = campaigns;
	}

	@Override
	public void notify(DelegateTask task) {
		if (task.getVariableLocal(DecisionRecorder.COMPLETED_BY_EVENT) != null) {
			return;
		}
		Map.Entry<String, String> date = DATES.get(task.getTaskDefinitionKey());
		Object value = date == null ? null : task.getVariable(date.getKey());
		if (given(value)) {
			task.setVariable(date.getKey(), check(date.getValue(), value, OrganisationInCampaign.of(task.getExecution()).campaignId()));
		}
		else if (TASK_CONFIRM_CONTRACT_ENDED.equals(task.getTaskDefinitionKey())) {
			// the process waits for this day: without it there is nothing to wait for
			throw new FormInputRefused(date.getValue(), date.getValue()
					+ ": vul de dag in waarop het contract eindigt of eindigde, als dd-mm-jjjj, bijvoorbeeld 31-12-2027.");
		}
	}

	/**
	 * The same check of a form submitted for the task, before anything of it is stored: the refusal
	 * reaches Tasklist as it is, not wrapped as a listener's failure. The date goes on as yyyy-MM-dd.
	 */
	void check(String taskDefinitionKey, VariableScope task, Map<String, Object> submitted) {
		Map.Entry<String, String> date = DATES.get(taskDefinitionKey);
		Object value = date == null ? null : submitted.get(date.getKey());
		if (given(value)) {
			submitted.put(date.getKey(), check(date.getValue(), value, campaignOf(task)));
		}
	}

	/** The campaign of the task whose form is submitted (Camunda passes the task entity as its variable scope). */
	private static String campaignOf(VariableScope task) {
		if (task instanceof DelegateTask delegate) {
			return OrganisationInCampaign.of(delegate.getExecution()).campaignId();
		}
		throw new IllegalStateException("A form is submitted for a task, not for " + task.getClass().getName());
	}

	private static boolean given(Object value) {
		return value != null && !(value instanceof String text && text.isBlank());
	}

	private String check(String label, Object value, String campaignId) {
		return day(label, value, campaignId).toString();
	}

	private LocalDate day(String label, Object value, String campaignId) {
		LocalDate day = parse(label, value);
		Optional<LocalDate> decided = campaigns.decisionDate(campaignId);
		if (decided.isPresent() && day.isBefore(decided.get())) {
			throw new FormInputRefused(label, label + ": " + day.format(SHOWN) + " ligt vóór het besluit van de campagne ("
					+ decided.get().format(SHOWN) + "). Vul de dag in waarop het contract eindigt of eindigde.");
		}
		LocalDate latest = today().plusYears(MAX_YEARS_AHEAD);
		if (day.isAfter(latest)) {
			throw new FormInputRefused(label, label + ": " + day.format(SHOWN) + " ligt meer dan " + MAX_YEARS_AHEAD
					+ " jaar vooruit (uiterlijk " + latest.format(SHOWN) + "). Controleer de datum.");
		}
		return day;
	}

	/** The day a form or client gave: dd-mm-jjjj (one digit allowed for day and month), yyyy-MM-dd, or a Date. */
	static LocalDate parse(String label, Object value) {
		if (value instanceof Date date) {
			return LocalDate.ofInstant(date.toInstant(), ContractTermination.ZONE);
		}
		String text = value.toString().strip();
		try {
			if (text.matches("\\d{1,2}-\\d{1,2}-\\d{4}")) {
				return LocalDate.parse(text, DUTCH);
			}
			if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
				return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT));
			}
		}
		catch (DateTimeParseException noSuchDay) {
			throw new FormInputRefused(label, label + ": " + shown(text) + " is geen bestaande datum."
					+ " Vul een dag in als dd-mm-jjjj, bijvoorbeeld 31-12-2027.");
		}
		throw new FormInputRefused(label, label + ": " + shown(text) + " is geen datum als dd-mm-jjjj."
				+ " Vul de dag in als dd-mm-jjjj, bijvoorbeeld 31-12-2027.");
	}

	private static String shown(String text) {
		return "'" + PlainText.value(text.length() > 40 ? text.substring(0, 40) : text) + "'";
	}

	private static LocalDate today() {
		return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ContractTermination.ZONE);
	}

}
