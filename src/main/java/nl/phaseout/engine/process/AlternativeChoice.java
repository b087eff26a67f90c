package nl.phaseout.engine.process;

import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_PRODUCT;
import static nl.phaseout.engine.process.ProcessConstants.Var.ALTERNATIVE_VENDOR;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The alternative is chosen from the known ones ({@code alternativeChoice} = "vendor|product") or
 * typed ({@code alternativeChoice} = "other", with {@code alternativeVendor} and
 * {@code alternativeProduct}); either way the process keeps vendor and product.
 */
@Component("alternativeChosen")
class AlternativeChoice implements TaskListener {

	static final String CHOICE = "alternativeChoice";

	@Override
	public void notify(DelegateTask task) {
		Object choice = task.getVariable(CHOICE);
		if (choice instanceof String known && known.contains("|")) {
			String[] vendorAndProduct = known.split("\\|", 2);
			task.setVariable(ALTERNATIVE_VENDOR, vendorAndProduct[0].strip());
			task.setVariable(ALTERNATIVE_PRODUCT, vendorAndProduct[1].strip());
		}
		if (blank(task.getVariable(ALTERNATIVE_VENDOR)) || blank(task.getVariable(ALTERNATIVE_PRODUCT))) {
			throw new ProcessEngineException("Choose a known alternative, or choose 'other' and give"
					+ " alternativeVendor and alternativeProduct.");
		}
	}

	private static boolean blank(Object value) {
		return value == null || value.toString().isBlank();
	}

}
