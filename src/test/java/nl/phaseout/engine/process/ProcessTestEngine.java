package nl.phaseout.engine.process;

/** The in-memory engine the process tests share, with the process's beans wired to fakes. */
final class ProcessTestEngine {

	/** Not camunda.cfg.xml, which ProcessEngines.init() would also build as the "default" engine. */
	static final String CONFIGURATION = "phaseout-process-engine.cfg.xml";

	private ProcessTestEngine() {
	}

}
