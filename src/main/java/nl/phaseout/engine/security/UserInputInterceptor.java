package nl.phaseout.engine.security;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmmn.cmd.CaseExecutionVariableCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What a signed-in user who is not {@code camunda-admin} may write into a process: the input
 * fields of the form of the task they complete, nothing else. Checked on the engine's command
 * chain, so every surface (both REST APIs, the webapps, any future one) meets the same rule;
 * the engine's own work (delegates, listeners, the application's services, the job executor)
 * runs without a user, or nested in the user's command, and is not restricted.
 * <ul>
 * <li>Completing a task ({@code complete}, {@code submit-form}): a variable that is no field of
 * the task's form is refused (400, naming it) and nothing changes; a value for a read-only field
 * (one that shows evidence) is dropped, so Tasklist, which sends every field, keeps working.</li>
 * <li>Every other way to write variables (task or execution variables, local or not, process
 * instance modification, restart, migration, message correlation, signals, starting a process,
 * external tasks): 403, before the engine looks anything up, so the answer never tells whether
 * an instance exists.</li>
 * </ul>
 */
class UserInputInterceptor extends CommandInterceptor {

	/** The request attribute that tells {@link EngineRefusalFilter} to answer with problem details. */
	static final String REFUSAL = UserInputInterceptor.class.getName() + ".refusal";

	/** Commands that write variables, or drive a process past its forms; none is for users. */
	private static final List<Class<?>> WRITES = List.of(AbstractVariableCmd.class, AbstractPatchVariablesCmd.class,
			CaseExecutionVariableCmd.class, SetVariablesToProcessInstancesBatchCmd.class, ModifyProcessInstanceCmd.class,
			ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class, AbstractRestartProcessInstanceCmd.class,
			RestartProcessInstancesBatchCmd.class, AbstractMigrationCmd.class, AbstractCorrelateMessageCmd.class,
			CorrelateAllMessageBatchCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class,
			SignalCmd.class, StartProcessInstanceCmd.class, StartProcessInstanceAtActivitiesCmd.class,
			SubmitStartFormCmd.class, HandleExternalTaskCmd.class);

	/** Only the command a user called is checked, not those the engine runs inside it. */
	private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

	/** Form fields by process definition and task: deployed forms do not change. */
	private final Map<String, TaskForms> forms = new ConcurrentHashMap<>();

	@Override
	public <T> T execute(Command<T> command) {
		int[] level = depth.get();
		level[0]++;
		try {
			return level[0] == 1 ? checked(command) : next.execute(command);
		}
		finally {
			if (--level[0] == 0) {
				depth.remove();
			}
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T checked(Command<T> command) {
		CommandContext context = Context.getCommandContext();
		Authentication user = context == null ? null : context.getAuthentication();
		if (user == null || user.getUserId() == null || context.getAuthorizationManager().isCamundaAdmin(user)) {
			return next.execute(command);
		}
		if (command instanceof ResolveTaskCmd) {
			if (!variables(command, "variables").isEmpty()) {
				throw refused(new AuthorizationException("Resolving a task with variables is not allowed: "
						+ "complete the task with its form instead."));
			}
			return next.execute(command);
		}
		if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
			return (T) next.execute(completion(command, context));
		}
		if (WRITES.stream().anyMatch(type -> type.isInstance(command))) {
			throw refused(new AuthorizationException("Only administrators (group camunda-admin) may set process "
					+ "variables, correlate messages, send signals or start, modify, restart or migrate process "
					+ "instances. Complete your task with its form instead."));
		}
		return next.execute(command);
	}

	/** The same completion with only the form's input fields; or refused, naming the others. */
	private Command<?> completion(Command<?> command, CommandContext context) {
		boolean submit = command instanceof SubmitTaskFormCmd;
		String taskId = (String) field(command, "taskId");
		Map<String, Object> sent = variables(command, submit ? "properties" : "variables");
		if (sent.isEmpty() || taskId == null) {
			return command;
		}
		TaskEntity task = context.getTaskManager().findTaskById(taskId);
		if (task == null) {
			return command;
		}
		TaskForms form = form(task, context);
		Set<String> refused = new TreeSet<>();
		Map<String, Object> kept = Variables.createVariables();
		sent.forEach((name, value) -> {
			if (form.inputs().contains(name)) {
				kept.put(name, value);
			}
			else if (!form.readOnly().contains(name)) {
				refused.add(name);
			}
		});
		if (!refused.isEmpty()) {
			throw refused(new VariablesRefusedException(refused, form.inputs()));
		}
		boolean returns = (Boolean) field(command, "returnVariables");
		boolean deserialize = (Boolean) field(command, submit ? "deserializeValues" : "deserializeReturnedVariables");
		return submit ? new SubmitTaskFormCmd(taskId, kept, returns, deserialize)
				: new CompleteTaskCmd(taskId, kept, returns, deserialize);
	}

	private TaskForms form(TaskEntity task, CommandContext context) {
		if (task.getProcessDefinitionId() == null || task.getTaskDefinitionKey() == null) {
			return TaskForms.NONE;
		}
		return forms.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
				key -> context.runWithoutAuthorization(() -> {
					try {
						InputStream deployed = context.getProcessEngineConfiguration().getFormService()
							.getDeployedTaskForm(task.getId());
						return TaskForms.parse(deployed);
					}
					catch (ProcessEngineException ex) {
						// a task without a deployed form has no fields
						return TaskForms.NONE;
					}
				}));
	}

	/** Marks the request so that the REST answer becomes problem details; returns the exception. */
	private static RuntimeException refused(ProcessEngineException refusal) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(REFUSAL, refusal, RequestAttributes.SCOPE_REQUEST);
		}
		return refusal;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> variables(Command<?> command, String name) {
		Object variables = field(command, name);
		return variables == null ? Map.of() : (Map<String, Object>) variables;
	}

	private static Object field(Object command, String name) {
		for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(command);
			}
			catch (NoSuchFieldException ex) {
				// declared higher up
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), ex);
			}
		}
		throw new IllegalStateException(command.getClass().getName() + " has no field " + name
				+ "; check UserInputInterceptor against this Camunda version");
	}

	/** A completion that sent variables its form does not ask for: 400 on both REST APIs. */
	static final class VariablesRefusedException extends BadUserRequestException {

		private final Collection<String> refused;

		VariablesRefusedException(Collection<String> refused, Collection<String> fields) {
			super("This task's form does not set " + String.join(", ", refused) + "; nothing was saved. Send only "
					+ "the form's fields" + (fields.isEmpty() ? " (this task has none)" : ": " + String.join(", ",
							new TreeSet<>(fields))) + ".");
			this.refused = List.copyOf(refused);
		}

		Collection<String> refused() {
			return refused;
		}

	}

}
