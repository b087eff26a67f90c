package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ROLLOUT_COMPLETED_AT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records when the rollout was seen complete: verification needs a scan that completed
 * after this moment, not one that was already known.
 */
@Component("rolloutCompletedDelegate")
class RolloutCompletedDelegate implements JavaDelegate {

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(ROLLOUT_COMPLETED_AT, ClockUtil.getCurrentTime());
	}

}
