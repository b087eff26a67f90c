package nl.phaseout.engine.process;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A value typed into a task's form that the engine does not store, with what was wrong and what to
 * do, in Dutch, for the project manager who sees it in Tasklist. Camunda's REST answers a form
 * validation failure with 400 and this message; stored is nothing of the completion.
 */
public class FormInputRefused extends FormFieldValidationException {

	private static final long serialVersionUID = 1L;

	public FormInputRefused(String field, String message) {
		super(field, message);
	}

}
