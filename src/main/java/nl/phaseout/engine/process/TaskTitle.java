package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CHOOSE_ALTERNATIVE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_CONFIRM_CONTRACT_ENDED;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_DECIDE_ON_ADVICE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_HANDLE_MISSED_DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_PROTECTION_GAP;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_RESOLVE_REGRESSION;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_REVIEW_CONTRACTS;
import static nl.phaseout.engine.process.ProcessConstants.Element.TASK_SIGN_OFF_VERIFICATION;
import static nl.phaseout.engine.process.ProcessConstants.Var.DEADLINE;
import static nl.phaseout.engine.process.ProcessConstants.Var.MISSED_MILESTONES;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names each task in Dutch, for the civil servants who work in Tasklist, with the organisation
 * (and, for a missed deadline, which milestone) in it, so a Tasklist full of similar tasks says
 * whose each one is. The English name goes into the task's description. The words its form shows
 * beside stored keys and dates are prepared at the same moment ({@link FormTexts}).
 */
@Component("taskTitle")
class TaskTitle implements TaskListener {

	private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

	/** Task id to its Dutch and English name. */
	private static final Map<String, String[]> NAMES = Map.of(
			TASK_DECIDE_ON_ADVICE, new String[] { "Besluiten over het advies tot uitfasering", "Decide on phase-out advice" },
			TASK_REVIEW_CONTRACTS, new String[] { "Lopende contracten beoordelen", "Review running contracts" },
			TASK_CHOOSE_ALTERNATIVE, new String[] { "Alternatief kiezen", "Choose alternative product" },
			TASK_RESOLVE_PROTECTION_GAP, new String[] { "Beschermingslek oplossen", "Resolve protection gap" },
			TASK_SIGN_OFF_VERIFICATION, new String[] { "Verificatie aftekenen", "Sign off verification" },
			TASK_CONFIRM_CONTRACT_ENDED, new String[] { "Beëindiging contract bevestigen", "Confirm contract ended" },
			TASK_RESOLVE_REGRESSION, new String[] { "Terugval oplossen", "Resolve regression" },
			TASK_HANDLE_MISSED_DEADLINE, new String[] { "Gemiste mijlpaal afhandelen", "Handle missed deadline" });

	@Override
	public void notify(DelegateTask task) {
		String[] names = NAMES.getOrDefault(task.getTaskDefinitionKey(), new String[] { task.getName(), task.getName() });
		String organisation = ParticipantSession.current().participant(task.getExecution()).organisationName();
		FormTexts.prepare(task, organisation);
		// only the deadline watch's instances have a 'deadline' variable
		Object deadline = task.getVariable(DEADLINE);
		if (deadline != null) {
			Object listed = task.getVariable(MISSED_MILESTONES);
			String[] title = missedTitle(missed(listed == null ? deadline.toString() : listed.toString()), organisation);
			task.setName(title[0]);
			task.setDescription(title[1]);
			return;
		}
		task.setName(names[0] + ": " + organisation);
		task.setDescription(names[1] + ": " + organisation);
	}

	/** The deadlines in a {@code missedMilestones} value. */
	static List<String> missed(String listed) {
		return listed == null || listed.isBlank() ? List.of()
				: Arrays.stream(listed.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
	}

	/** The office task's Dutch name and English description for the milestones it lists. */
	static String[] missedTitle(List<String> deadlines, String organisation) {
		String dutch = (deadlines.size() == 1 ? "Gemiste mijlpaal afhandelen" : "Gemiste mijlpalen afhandelen") + " ("
				+ FormTexts.milestones(deadlines).toLowerCase(DUTCH) + ")";
		String english = (deadlines.size() == 1 ? "Handle missed deadline" : "Handle missed deadlines") + " ("
				+ String.join(", ", deadlines) + ")";
		return new String[] { dutch + ": " + organisation, english + ": " + organisation };
	}

}
