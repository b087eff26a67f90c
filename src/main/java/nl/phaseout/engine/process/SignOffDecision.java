package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.CENSUS_CONFIRMED;
import static nl.phaseout.engine.process.ProcessConstants.Var.EVIDENCE_SCAN_COMPLETED_AT;
import static nl.phaseout.engine.process.ProcessConstants.Var.SIGN_OFF;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFICATION;
import static nl.phaseout.engine.process.ProcessConstants.Var.VERIFY_SCANS_AFTER;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A refused sign-off sends the organisation back to wait for a scan that completed after the one
 * it refused; the refused scan never counts again. Runs after {@link BooleanChoices} made
 * {@code signOff} a boolean. An organisation that verifies rolling has no census scan: its project
 * manager's sign-off is the census, so it needs {@code censusConfirmed}: the listed endpoints are all
 * of the organisation's.
 */
@Component("signOffDecision")
class SignOffDecision implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		if (Boolean.TRUE.equals(task.getVariable(SIGN_OFF)) && "rolling".equals(task.getVariable(VERIFICATION))) {
			if (!Boolean.TRUE.equals(BooleanChoices.parse(task.getVariable(CENSUS_CONFIRMED)))) {
				throw new ProcessEngineException("This organisation verifies rolling, without a census scan: sign off"
						+ " only with censusConfirmed true, confirming that the listed endpoints are all of the"
						+ " organisation's endpoints (Dit zijn alle apparaten van de organisatie). If some are missing,"
						+ " refuse (signOff false) and have them observed.");
			}
			task.setVariable(CENSUS_CONFIRMED, true);
		}
		if (Boolean.FALSE.equals(task.getVariable(SIGN_OFF))) {
			Object refused = task.getVariable(EVIDENCE_SCAN_COMPLETED_AT);
			if (refused != null) {
				task.setVariable(VERIFY_SCANS_AFTER, Date.from(Instant.parse(refused.toString())));
			}
		}
	}

}
