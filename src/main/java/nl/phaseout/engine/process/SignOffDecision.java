package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.SIGN_OFF;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFY_SCANS_AFTER;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A refused sign-off sends the organisation back to wait for a scan that completed after the one
 * it refused; the refused scan never counts again. Runs after {@link BooleanChoices} made
 * {@code signOff} a boolean.
 */
@Component("signOffDecision")
class SignOffDecision implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		if (Boolean.FALSE.equals(task.getVariable(SIGN_OFF))) {
			Object refused = task.getVariable(EVIDENCE_SCAN_COMPLETED_AT);
			if (refused != null) {
				task.setVariable(VERIFY_SCANS_AFTER, Date.from(Instant.parse(refused.toString())));
			}
		}
	}

}
