package nl.phaseout.engine.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a project manager types is checked before anything of it is stored, with a Dutch message
 * that Camunda's REST answers with 400 and Tasklist shows ({@link FormInputRefused}):
 * <ul>
 * <li>A text variable holds at most 4,000 characters, as the engine's tables do ({@code TEXT_
 * VARCHAR(4000)}): a longer one, from a form's note or any other client, is refused when it is set,
 * naming the variable, instead of failing at the database with "value too long". The forms say the
 * same in their {@code maxLength}.</li>
 * <li>A form submitted for a task that asks a contract's end date has it checked by
 * {@link ContractDates} first. The same check runs again as the task's complete listener, for a
 * client that completes the task without its form; there Camunda wraps the message in its own.</li>
 * </ul>
 */
@Component
class FormInputPlugin extends AbstractProcessEnginePlugin {

	static final int MAX_LENGTH = 4000;

	private final Supplier<ContractDates> contractDates;

	/** ContractDates is looked up when first used: it reads the campaigns, which need the database. */
	@Autowired
	FormInputPlugin(ObjectProvider<ContractDates> contractDates) {
		this.contractDates = contractDates::getObject;
	}

	FormInputPlugin(ContractDates contractDates) {
		this.contractDates = () -> contractDates;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
				? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
		// first, so that it writes every string; the engine's own one, by the same name, reads them
		serializers.add(0, new LimitedStringSerializer());
		configuration.setCustomPreVariableSerializers(serializers);
		PostParseListeners.add(configuration, new AbstractBpmnParseListener() {
			@Override
			public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
				if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
					TaskDefinition task = userTask.getTaskDefinition();
					task.setTaskFormHandler(new CheckedFormHandler(task.getTaskFormHandler(), activity.getId()));
				}
			}
		});
	}

	static final class LimitedStringSerializer extends StringValueSerializer {

		@Override
		public void writeValue(StringValue value, ValueFields fields) {
			String text = value.getValue();
			if (text != null && text.length() > MAX_LENGTH) {
				throw new FormInputRefused(fields.getName(), "De tekst in '" + fields.getName() + "' is te lang: "
						+ text.length() + " tekens, ten hoogste " + MAX_LENGTH
						+ " zijn toegestaan. Kort de tekst in en verstuur het formulier opnieuw.");
			}
			super.writeValue(value, fields);
		}

	}

	/** The task's own form handler, after the submitted values were checked. */
	private final class CheckedFormHandler implements TaskFormHandler {

		private final TaskFormHandler handler;

		private final String taskDefinitionKey;

		CheckedFormHandler(TaskFormHandler handler, String taskDefinitionKey) {
			this.handler = handler;
			this.taskDefinitionKey = taskDefinitionKey;
		}

		@Override
		public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
				ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
			handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
		}

		@Override
		public void submitFormVariables(VariableMap properties, VariableScope task) {
			contractDates.get().check(taskDefinitionKey, task, properties);
			handler.submitFormVariables(properties, task);
		}

		@Override
		public TaskFormData createTaskForm(TaskEntity task) {
			return handler.createTaskForm(task);
		}

	}

}
