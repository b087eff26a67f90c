package nl.phaseout.engine.process;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Service;

/** What a process instance waits for people to do, read from the engine: its open tasks, the oldest first. */
@Service
public class OpenTasks {

	private final TaskService tasks;

	OpenTasks(TaskService tasks) {
		this.tasks = tasks;
	}

	public List<OpenTask> of(String processInstanceId) {
		return tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> new OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(),
					task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant()))
			.toList();
	}

}
