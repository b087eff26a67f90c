package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.SIGN_OFF;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFY_SCANS_AFTER;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The PM's sign-off is an explicit yes or no: a completion without {@code signOff} is refused.
 * A refusal sends the organisation back to wait for a scan that completed after the one it refused.
 */
@Component("signOffDecision")
class SignOffDecision implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		Boolean signOff = parse(task.getVariable(SIGN_OFF));
		if (signOff == null) {
			throw new ProcessEngineException("Sign-off needs a decision: signOff must be true (sign off) or false"
					+ " (refuse, and wait for a new verification scan).");
		}
		task.setVariable(SIGN_OFF, signOff);
		if (!signOff) {
			Object refused = task.getVariable(EVIDENCE_SCAN_COMPLETED_AT);
			if (refused != null) {
				task.setVariable(VERIFY_SCANS_AFTER, Date.from(Instant.parse(refused.toString())));
			}
		}
	}

	/** A boolean, or the text a form's choice gives ("true", "false"); anything else is no decision. */
	static Boolean parse(Object value) {
		if (value instanceof Boolean decided) {
			return decided;
		}
		if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
			return Boolean.valueOf(text);
		}
		return null;
	}

}
