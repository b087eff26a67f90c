package nl.phaseout.engine.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The campaigns the benchmark's application runs, as a real installation configures them: the Kaspersky decision
 * with all four deadlines set (P30D, P60D, P90D, P1Y from registration), each a boundary timer on its step. With
 * {@code -Dbenchmark.campaigns=2} a second active campaign with the same decisions, so that every observation is
 * classified twice and every organisation runs two processes. Given as command-line arguments, which replace the
 * application's list of campaigns as a whole.
 */
final class BenchmarkCampaigns {

	static final String FIRST = "kaspersky-av-2018";

	static final String SECOND = "kaspersky-av-2018-second";

	static final String DEADLINES = "inventory P30D, plan P60D, rollout-start P90D, completion P1Y";

	private BenchmarkCampaigns() {
	}

	static List<String> ids(int campaigns) {
		return campaigns == 1 ? List.of(FIRST) : List.of(FIRST, SECOND);
	}

	static List<String> arguments(int campaigns) {
		List<String> args = new ArrayList<>();
		List<String> ids = ids(campaigns);
		for (int i = 0; i < ids.size(); i++) {
			String prefix = "--phaseout.campaigns[" + i + "].";
			args.add(prefix + "id=" + ids.get(i));
			args.add(prefix + "name=Phase-out of Kaspersky antivirus (NL, 2018)" + (i == 0 ? "" : ", second"));
			args.add(prefix + "decision-date=2018-05-14");
			args.add(prefix + "applicability-decision=phaseout-applicability");
			args.add(prefix + "classification-decision=phaseout-product-classification");
			args.add(prefix + "vendors=kaspersky");
			args.add(prefix + "deadlines.inventory=P30D");
			args.add(prefix + "deadlines.plan=P60D");
			args.add(prefix + "deadlines.rollout-start=P90D");
			args.add(prefix + "deadlines.completion=P1Y");
			args.add(prefix + "status-report-interval=P30D");
			args.add(prefix + "stale-after=P14D");
		}
		return args;
	}

}
