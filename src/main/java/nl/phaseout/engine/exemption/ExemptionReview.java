package nl.phaseout.engine.exemption;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * The office's decision on {@code Task_ReviewExemption}, as it completes: {@code approved} (a boolean,
 * or the text "true" or "false" the form's choice gives) and an optional {@code reviewNote}. An
 * approval exempts the endpoints at once and sets when the exemption expires, for the timer.
 */
@Component("exemptionReview")
class ExemptionReview implements TaskListener {

	private final Exemptions exemptions;

	ExemptionReview(Exemptions exemptions) {
		this.exemptions = exemptions;
	}

	@Override
	public void notify(DelegateTask task) {
		Boolean approved = decision(task.getVariable(Exemptions.VAR_APPROVED));
		if (approved == null) {
			throw new ProcessEngineException("This task needs a decision: approved must be true to approve the"
					+ " exemption, false to refuse it.");
		}
		task.setVariable(Exemptions.VAR_APPROVED, approved);
		Object note = task.getVariable(Exemptions.VAR_NOTE);
		String text = note == null || note.toString().isBlank() ? null : note.toString().strip();
		Instant expiresAt = exemptions.decide(task.getProcessInstanceId(), approved, currentUser(), text);
		if (expiresAt != null) {
			task.getExecution().setVariable(Exemptions.VAR_EXPIRES_AT, Date.from(expiresAt));
		}
	}

	private static Boolean decision(Object value) {
		if (value instanceof Boolean decided) {
			return decided;
		}
		if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
			return Boolean.valueOf(text);
		}
		return null;
	}

	private static String currentUser() {
		CommandContext context = Context.getCommandContext();
		return context == null ? null : context.getAuthenticatedUserId();
	}

}
