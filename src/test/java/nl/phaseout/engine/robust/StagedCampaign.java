package nl.phaseout.engine.robust;

import static nl.phaseout.engine.robust.StagedCampaign.Mix.BANNED;
import static nl.phaseout.engine.robust.StagedCampaign.Mix.BANNED_BESIDE_DEFENDER;
import static nl.phaseout.engine.robust.StagedCampaign.Mix.DEFENDER;
import static nl.phaseout.engine.robust.StagedCampaign.Mix.DISABLED;
import static nl.phaseout.engine.robust.StagedCampaign.Mix.NOTHING;
import static nl.phaseout.engine.robust.StagedCampaign.Mix.SOPHOS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;

import nl.phaseout.engine.robust.EngineState.Counts;
import nl.phaseout.engine.robust.EngineState.Standing;
import nl.phaseout.engine.system.Topics;

/**
 * A campaign of 200 organisations driven in five stages, each either a stream of inventory and
 * procurement events or the office's decisions over REST, and what every organisation must come
 * to after each stage. Within a stage an organisation's outcome depends only on what was
 * published or decided, never on when a node got to it: each wait is left by the last event of
 * its stage (a scan after the observations, a selection after the review), and every stream
 * carries repeats and stale observations that must change nothing. So the end state is one,
 * however the events and signals are spread over nodes, and this model says which.
 */
final class StagedCampaign {

	static final String CAMPAIGN = "kaspersky-av-2018";

	static final String INVENTORY = "/test/intune";

	static final String PROCUREMENT = "/test/procurement";

	static final int ENDPOINTS = 8;

	static final String REVIEW = "Task_ReviewContracts";

	static final String CHOOSE = "Task_ChooseAlternative";

	static final String SIGN_OFF = "Task_SignOffVerification";

	static final String CONFIRM = "Task_ConfirmContractEnded";

	static final String GAP_TASK = "Task_ResolveProtectionGap";

	static final String REGRESSION_TASK = "Task_ResolveRegression";

	static final String ADVICE = "Task_DecideOnAdvice";

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Stages in order: the streams (BASELINE, ROLLOUT, CONTRACTS) alternate with the office's decisions. */
	enum Stage {

		BASELINE, DECISIONS, ROLLOUT, SIGN_OFFS, CONTRACTS;

		boolean stream() {
			return this == BASELINE || this == ROLLOUT || this == CONTRACTS;
		}

	}

	/** What one organisation goes through; the organisations take them in turn. */
	enum Script {

		/** Banned found; the alternative and the contract's end reported before anyone asked for them. */
		KEEP_EARLY_TERMINATION,
		/** Banned found; the alternative selected by an event while its task is open; ended contract reported during rollout. */
		KEEP_LATE_ALTERNATIVE,
		/** Like the first, but the contract's end arrives while its confirmation task is open. */
		KEEP_CONFIRMED_BY_EVENT,
		/** Only another vendor's contract is reported ended: the confirmation stays open. */
		KEEP_OTHER_VENDOR,
		/** The alternative is selected, the rollout never comes. */
		KEEP_STALLED,
		/** Nobody reviews the contracts. */
		KEEP_UNREVIEWED,
		/** No banned product at the baseline: signed off and phased out. */
		CLEAN_SIGNED,
		/** Phased out, then the banned product is seen again: the work reopens once. */
		CLEAN_REGRESSION,
		/** The sign-off is refused, a later scan is signed off. */
		CLEAN_REFUSED,
		/** Two endpoints retired; a scan of the six live ones is clean. */
		CLEAN_RETIRED,
		/** The first scan reports fewer endpoints than are known; the second covers them. */
		CLEAN_SHORT_SCAN,
		/** Two endpoints without antivirus: a protection gap, closed during the rollout. */
		GAP,
		/** Observed, never scanned. */
		NO_SCAN,
		/** A municipality: not required, but its inventory is counted. */
		NOT_REQUIRED,
		/** A vital provider that declines the advice. */
		ADVISED_DECLINED,
		/** A vital provider that follows the advice. */
		ADVISED_ACCEPTED

	}

	/** The product mixes an endpoint can have, and the state each is counted as. */
	enum Mix {

		BANNED("BANNED", product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "active")),
		BANNED_BESIDE_DEFENDER("BANNED", product("Kaspersky", "Kaspersky Endpoint Security", "antivirus", "passive"),
				product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "active")),
		DEFENDER("PROTECTED", product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "active")),
		SOPHOS("PROTECTED", product("Sophos", "Sophos Intercept X", "antivirus", "active"),
				product("Kaspersky", "Kaspersky Password Manager", "password-manager", "active")),
		NOTHING("UNPROTECTED"),
		DISABLED("UNPROTECTED", product("Microsoft", "Microsoft Defender Antivirus", "antivirus", "disabled"),
				product("Kaspersky", "Kaspersky Secure Connection", "vpn", "active"));

		final String state;

		final List<Map<String, Object>> products;

		@SafeVarargs
		Mix(String state, Map<String, Object>... products) {
			this.state = state;
			this.products = List.of(products);
		}

	}

	/** A task the office completes over Camunda REST, with the variables its form would send. */
	record Decision(String organisationId, String taskDefinitionKey, Map<String, Object> variables) {
	}

	private final Instant t0;

	private final String office;

	private final List<String> organisations = new ArrayList<>();

	private final Map<String, Script> scripts = new LinkedHashMap<>();

	StagedCampaign(int organisations, Instant now, String office) {
		// a day back: every event time lies in the past of the engine's clock
		this.t0 = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
		this.office = office;
		Script[] turns = { Script.KEEP_EARLY_TERMINATION, Script.KEEP_LATE_ALTERNATIVE, Script.KEEP_CONFIRMED_BY_EVENT,
				Script.CLEAN_SIGNED, Script.KEEP_OTHER_VENDOR, Script.KEEP_STALLED, Script.KEEP_UNREVIEWED,
				Script.CLEAN_REGRESSION, Script.CLEAN_REFUSED, Script.CLEAN_RETIRED, Script.CLEAN_SHORT_SCAN,
				Script.GAP, Script.NO_SCAN, Script.NOT_REQUIRED, Script.ADVISED_DECLINED, Script.ADVISED_ACCEPTED,
				Script.KEEP_EARLY_TERMINATION, Script.KEEP_LATE_ALTERNATIVE, Script.KEEP_CONFIRMED_BY_EVENT,
				Script.CLEAN_SIGNED };
		for (int i = 0; i < organisations; i++) {
			String id = "ORG-%03d".formatted(i);
			this.organisations.add(id);
			this.scripts.put(id, turns[i % turns.length]);
		}
	}

	List<String> organisations() {
		return organisations;
	}

	String category(String organisationId) {
		return switch (scripts.get(organisationId)) {
			case NOT_REQUIRED -> "MUNICIPALITY";
			case ADVISED_DECLINED, ADVISED_ACCEPTED -> "VITAL_PROVIDER";
			default -> "CENTRAL_GOVERNMENT";
		};
	}

	/**
	 * The stage's stream, the organisations' events taken in turn (each organisation's in its
	 * order), so that every poll batch mixes organisations of every kind.
	 */
	List<ProducerRecord<String, byte[]>> stream(Stage stage) {
		List<List<Event>> perOrganisation = organisations.stream().map(org -> events(org, stage)).toList();
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		int longest = perOrganisation.stream().mapToInt(List::size).max().orElse(0);
		for (int i = 0; i < longest; i++) {
			for (List<Event> events : perOrganisation) {
				if (i < events.size()) {
					records.add(events.get(i).record());
				}
			}
		}
		return records;
	}

	/** The office's decisions of a stage. */
	List<Decision> decisions(Stage stage) {
		List<Decision> decisions = new ArrayList<>();
		for (String org : organisations) {
			Script script = scripts.get(org);
			if (stage == Stage.DECISIONS) {
				switch (script) {
					case KEEP_EARLY_TERMINATION, KEEP_LATE_ALTERNATIVE, KEEP_CONFIRMED_BY_EVENT, KEEP_OTHER_VENDOR,
							KEEP_STALLED -> decisions.add(new Decision(org, REVIEW, Map.of("runningContract", true,
									"contractEndDate", "2027-03-31", "noticePeriodDays", 90, "terminationRequested", true)));
					case CLEAN_SIGNED, CLEAN_REGRESSION -> decisions.add(signOff(org, true));
					case CLEAN_REFUSED -> decisions.add(signOff(org, false));
					case ADVISED_DECLINED, ADVISED_ACCEPTED -> decisions.add(new Decision(org, ADVICE, Map.of("phaseOut",
							script == Script.ADVISED_ACCEPTED, "rationale", "decided by the board")));
					default -> {
					}
				}
			}
			else if (stage == Stage.SIGN_OFFS) {
				switch (script) {
					case KEEP_EARLY_TERMINATION, KEEP_LATE_ALTERNATIVE, KEEP_CONFIRMED_BY_EVENT, KEEP_OTHER_VENDOR,
							CLEAN_REFUSED, CLEAN_SHORT_SCAN, GAP -> decisions.add(signOff(org, true));
					default -> {
					}
				}
			}
		}
		return decisions;
	}

	private static Decision signOff(String org, boolean signOff) {
		return new Decision(org, SIGN_OFF, Map.of("signOff", signOff, "signOffNote", signOff ? "clean" : "not convinced"));
	}

	/** Where each organisation stands once the stage has settled: its phase and its open tasks. */
	Map<String, Standing> standings(Stage stage) {
		Map<String, Standing> standings = new TreeMap<>();
		for (String org : organisations) {
			standings.put(org, standing(scripts.get(org), stage));
		}
		return standings;
	}

	private static Standing standing(Script script, Stage stage) {
		int s = stage.ordinal();
		return switch (script) {
			case KEEP_EARLY_TERMINATION -> pick(s, at("CONTRACT_REVIEW", REVIEW), at("ROLLOUT"), at("SIGN_OFF", SIGN_OFF),
					at("PHASED_OUT"), at("PHASED_OUT"));
			case KEEP_LATE_ALTERNATIVE -> pick(s, at("CONTRACT_REVIEW", REVIEW), at("ALTERNATIVE", CHOOSE),
					at("SIGN_OFF", SIGN_OFF), at("PHASED_OUT"), at("PHASED_OUT"));
			case KEEP_CONFIRMED_BY_EVENT -> pick(s, at("CONTRACT_REVIEW", REVIEW), at("ROLLOUT"), at("SIGN_OFF", SIGN_OFF),
					at("DECOMMISSION", CONFIRM), at("PHASED_OUT"));
			case KEEP_OTHER_VENDOR -> pick(s, at("CONTRACT_REVIEW", REVIEW), at("ROLLOUT"), at("SIGN_OFF", SIGN_OFF),
					at("DECOMMISSION", CONFIRM), at("DECOMMISSION", CONFIRM));
			case KEEP_STALLED -> pick(s, at("CONTRACT_REVIEW", REVIEW), at("ALTERNATIVE", CHOOSE), at("ROLLOUT"),
					at("ROLLOUT"), at("ROLLOUT"));
			case KEEP_UNREVIEWED -> at("CONTRACT_REVIEW", REVIEW);
			case CLEAN_SIGNED -> pick(s, at("SIGN_OFF", SIGN_OFF), at("PHASED_OUT"), at("PHASED_OUT"), at("PHASED_OUT"),
					at("PHASED_OUT"));
			case CLEAN_REGRESSION -> pick(s, at("SIGN_OFF", SIGN_OFF), at("PHASED_OUT"), at("ROLLOUT", REGRESSION_TASK),
					at("ROLLOUT", REGRESSION_TASK), at("ROLLOUT", REGRESSION_TASK));
			case CLEAN_REFUSED -> pick(s, at("SIGN_OFF", SIGN_OFF), at("VERIFICATION"), at("SIGN_OFF", SIGN_OFF),
					at("PHASED_OUT"), at("PHASED_OUT"));
			case CLEAN_RETIRED -> at("SIGN_OFF", SIGN_OFF);
			case CLEAN_SHORT_SCAN -> pick(s, at("VERIFICATION"), at("VERIFICATION"), at("SIGN_OFF", SIGN_OFF),
					at("PHASED_OUT"), at("PHASED_OUT"));
			case GAP -> pick(s, at("ROLLOUT", GAP_TASK), at("ROLLOUT", GAP_TASK), at("SIGN_OFF", SIGN_OFF),
					at("DECOMMISSION", CONFIRM), at("PHASED_OUT"));
			case NO_SCAN -> at("INVENTORY");
			case NOT_REQUIRED -> at("NOT_REQUIRED");
			case ADVISED_DECLINED -> pick(s, at("DECISION", ADVICE), at("DECLINED"), at("DECLINED"), at("DECLINED"),
					at("DECLINED"));
			case ADVISED_ACCEPTED -> pick(s, at("DECISION", ADVICE), at("CONTRACT_REVIEW", REVIEW),
					at("CONTRACT_REVIEW", REVIEW), at("CONTRACT_REVIEW", REVIEW), at("CONTRACT_REVIEW", REVIEW));
		};
	}

	private static Standing pick(int stage, Standing... standings) {
		return standings[stage];
	}

	private static Standing at(String phase, String... openTasks) {
		return new Standing(phase, List.of(openTasks));
	}

	/** Every organisation's end: counts, phase, tasks, process instances and record. */
	EngineState expectedEnd() {
		Map<String, Counts> counts = new TreeMap<>();
		Map<String, Map<String, Integer>> created = new TreeMap<>();
		Map<String, Integer> running = new TreeMap<>();
		Map<String, List<String>> records = new TreeMap<>();
		for (String org : organisations) {
			Script script = scripts.get(org);
			counts.put(org, countsOf(org));
			created.put(org, createdTasks(script));
			String phase = standing(script, Stage.CONTRACTS).phase();
			running.put(org, Set.of("PHASED_OUT", "NOT_REQUIRED", "DECLINED").contains(phase) ? 0 : 1);
			records.put(org, record(org, script));
		}
		return new EngineState(counts, standings(Stage.CONTRACTS), created, running, records);
	}

	/** How often each task was ever created for the organisation: none twice where the process asks once. */
	private static Map<String, Integer> createdTasks(Script script) {
		return switch (script) {
			case KEEP_EARLY_TERMINATION -> Map.of(REVIEW, 1, SIGN_OFF, 1);
			case KEEP_LATE_ALTERNATIVE -> Map.of(REVIEW, 1, CHOOSE, 1, SIGN_OFF, 1);
			case KEEP_CONFIRMED_BY_EVENT, KEEP_OTHER_VENDOR -> Map.of(REVIEW, 1, SIGN_OFF, 1, CONFIRM, 1);
			case KEEP_STALLED -> Map.of(REVIEW, 1, CHOOSE, 1);
			case KEEP_UNREVIEWED -> Map.of(REVIEW, 1);
			case CLEAN_SIGNED, CLEAN_RETIRED, CLEAN_SHORT_SCAN -> Map.of(SIGN_OFF, 1);
			case CLEAN_REGRESSION -> Map.of(SIGN_OFF, 1, REGRESSION_TASK, 1);
			case CLEAN_REFUSED -> Map.of(SIGN_OFF, 2);
			case GAP -> Map.of(GAP_TASK, 1, SIGN_OFF, 1, CONFIRM, 1);
			case NO_SCAN, NOT_REQUIRED -> Map.of();
			case ADVISED_DECLINED -> Map.of(ADVICE, 1);
			case ADVISED_ACCEPTED -> Map.of(ADVICE, 1, REVIEW, 1);
		};
	}

	/** The record's entries in order, as {@link EngineState#entry} writes them. */
	private List<String> record(String org, Script script) {
		String mandatory = "APPLICABILITY MANDATORY";
		String bannedBaseline = "BASELINE_SCAN scan-1 total=8 banned=3 unprotected=0";
		String cleanBaseline = "BASELINE_SCAN scan-1 total=8 banned=0 unprotected=0";
		String reviewed = "DECISION " + REVIEW + " by " + office;
		String alternative = "ALTERNATIVE by " + actor(org, "alternative");
		String chosenByEvent = "DECISION " + CHOOSE + " by " + actor(org, "alternative");
		String signedOff = "DECISION " + SIGN_OFF + " signOff=true by " + office;
		String signOffFact = "SIGN_OFF signOff=true by " + office;
		String verifiedScan1 = "VERIFICATION_SCAN scan-1 CLEAN by " + INVENTORY;
		String verifiedScan2 = "VERIFICATION_SCAN scan-2 CLEAN by " + INVENTORY;
		String ended = "CONTRACT_ENDED by " + actor(org, "termination");
		String confirmedByEvent = "DECISION " + CONFIRM + " by " + actor(org, "termination");
		String phasedOut = "PHASED_OUT";
		return switch (script) {
			case KEEP_EARLY_TERMINATION -> List.of(mandatory, bannedBaseline, reviewed, alternative, verifiedScan2,
					signedOff, signOffFact, ended, phasedOut);
			case KEEP_LATE_ALTERNATIVE -> List.of(mandatory, bannedBaseline, reviewed, alternative, chosenByEvent,
					verifiedScan2, signedOff, signOffFact, ended, phasedOut);
			case KEEP_CONFIRMED_BY_EVENT -> List.of(mandatory, bannedBaseline, reviewed, alternative, verifiedScan2,
					signedOff, signOffFact, ended, confirmedByEvent, phasedOut);
			case KEEP_OTHER_VENDOR -> List.of(mandatory, bannedBaseline, reviewed, alternative, verifiedScan2, signedOff,
					signOffFact);
			case KEEP_STALLED -> List.of(mandatory, bannedBaseline, reviewed, alternative, chosenByEvent);
			case KEEP_UNREVIEWED -> List.of(mandatory, bannedBaseline);
			case CLEAN_SIGNED -> List.of(mandatory, cleanBaseline, verifiedScan1, signedOff,
					signOffFact, phasedOut);
			case CLEAN_REGRESSION -> List.of(mandatory, cleanBaseline, verifiedScan1, signedOff,
					signOffFact, phasedOut, "REGRESSION banned=1");
			case CLEAN_REFUSED -> List.of(mandatory, cleanBaseline, verifiedScan1,
					"DECISION " + SIGN_OFF + " signOff=false by " + office, "SIGN_OFF signOff=false by " + office,
					verifiedScan2, signedOff, signOffFact, phasedOut);
			case CLEAN_RETIRED -> List.of(mandatory, "BASELINE_SCAN scan-1 total=6 banned=0 unprotected=0",
					verifiedScan1);
			case CLEAN_SHORT_SCAN -> List.of(mandatory, cleanBaseline, "VERIFICATION_SCAN scan-1 INCOMPLETE by " + INVENTORY,
					verifiedScan2, signedOff, signOffFact, phasedOut);
			case GAP -> List.of(mandatory, "BASELINE_SCAN scan-1 total=8 banned=0 unprotected=2",
					"VERIFICATION_SCAN scan-1 NOT_CLEAN by " + INVENTORY, verifiedScan2, signedOff, signOffFact, ended, confirmedByEvent,
					phasedOut);
			case NO_SCAN -> List.of(mandatory);
			case NOT_REQUIRED -> List.of("APPLICABILITY NOT_REQUIRED");
			case ADVISED_DECLINED -> List.of("APPLICABILITY ADVISED", "DECISION " + ADVICE + " phaseOut=false by " + office);
			case ADVISED_ACCEPTED -> List.of("APPLICABILITY ADVISED", "DECISION " + ADVICE + " phaseOut=true by " + office,
					bannedBaseline);
		};
	}

	private static String actor(String org, String what) {
		return "event " + org + "/" + what + " from " + PROCUREMENT;
	}

	/**
	 * The counts every event of every stage comes to, by the contract's rules: an endpoint is its
	 * latest observation, retired when its retirement is later; a repeated event changes nothing.
	 */
	private Counts countsOf(String org) {
		Map<String, Instant> observedAt = new TreeMap<>();
		Map<String, String> state = new TreeMap<>();
		Map<String, Instant> retiredAt = new TreeMap<>();
		Set<String> seen = new HashSet<>();
		for (Stage stage : Stage.values()) {
			for (Event event : events(org, stage)) {
				if (!seen.add(event.source() + "|" + event.id())) {
					continue;
				}
				String endpoint = (String) event.data().get("endpointId");
				if (event.type().equals("phaseout.endpoint.observed")) {
					Instant at = Instant.parse((String) event.data().get("observedAt"));
					if (!observedAt.containsKey(endpoint) || at.isAfter(observedAt.get(endpoint))) {
						observedAt.put(endpoint, at);
						state.put(endpoint, event.mix().state);
					}
				}
				else if (event.type().equals("phaseout.endpoint.retired")) {
					Instant at = Instant.parse((String) event.data().get("retiredAt"));
					if (!retiredAt.containsKey(endpoint) || at.isAfter(retiredAt.get(endpoint))) {
						retiredAt.put(endpoint, at);
					}
				}
			}
		}
		long total = 0;
		long banned = 0;
		long protectedCount = 0;
		long unprotected = 0;
		long retired = 0;
		for (String endpoint : observedAt.keySet()) {
			if (retiredAt.containsKey(endpoint) && retiredAt.get(endpoint).isAfter(observedAt.get(endpoint))) {
				retired++;
				continue;
			}
			total++;
			switch (state.get(endpoint)) {
				case "BANNED" -> banned++;
				case "PROTECTED" -> protectedCount++;
				default -> unprotected++;
			}
		}
		return new Counts(total, banned, protectedCount, unprotected, retired);
	}

	/** One organisation's events in a stage, in the order they are published. */
	private List<Event> events(String org, Stage stage) {
		Script script = scripts.get(org);
		Events events = new Events(org);
		switch (stage) {
			case BASELINE -> baseline(script, events);
			case ROLLOUT -> rollout(script, events);
			case CONTRACTS -> contracts(script, events);
			default -> {
			}
		}
		return events.list;
	}

	private void baseline(Script script, Events events) {
		Mix[] inventory = switch (script) {
			case CLEAN_SIGNED, CLEAN_REGRESSION, CLEAN_REFUSED, CLEAN_RETIRED, CLEAN_SHORT_SCAN ->
				new Mix[] { DEFENDER, DEFENDER, DEFENDER, DEFENDER, DEFENDER, DEFENDER, SOPHOS, DEFENDER };
			case GAP -> new Mix[] { NOTHING, DISABLED, DEFENDER, DEFENDER, DEFENDER, DEFENDER, SOPHOS, DEFENDER };
			default -> new Mix[] { BANNED, BANNED_BESIDE_DEFENDER, BANNED, DEFENDER, DEFENDER, DEFENDER, SOPHOS, DEFENDER };
		};
		for (int e = 0; e < ENDPOINTS; e++) {
			events.observed(e, t0.plus(Duration.ofMinutes(e)), inventory[e]);
		}
		// a repeat, and an older observation arriving late: neither changes anything
		events.repeat(3);
		events.observed(4, t0.minus(Duration.ofHours(1)), BANNED);
		switch (script) {
			case KEEP_EARLY_TERMINATION -> {
				events.alternativeSelected(t0.plus(Duration.ofMinutes(20)));
				events.contractTerminated("Kaspersky Lab", t0.plus(Duration.ofMinutes(25)));
				events.repeat(events.list.size() - 1);
			}
			case KEEP_CONFIRMED_BY_EVENT, KEEP_UNREVIEWED -> events.alternativeSelected(t0.plus(Duration.ofMinutes(20)));
			case KEEP_OTHER_VENDOR -> {
				events.alternativeSelected(t0.plus(Duration.ofMinutes(20)));
				events.contractTerminated("Microsoft", t0.plus(Duration.ofMinutes(25)));
			}
			case CLEAN_RETIRED -> {
				events.retired(6, t0.plus(Duration.ofMinutes(30)));
				events.retired(7, t0.plus(Duration.ofMinutes(30)));
				// observed before it was retired: it stays retired
				events.observed(7, t0.plus(Duration.ofMinutes(10)), DEFENDER);
			}
			default -> {
			}
		}
		Instant scanned = t0.plus(Duration.ofHours(1));
		switch (script) {
			case NO_SCAN -> {
			}
			case CLEAN_RETIRED -> events.scanCompleted("scan-1", scanned, ENDPOINTS - 2);
			case CLEAN_SHORT_SCAN -> events.scanCompleted("scan-1", scanned, ENDPOINTS - 1);
			default -> events.scanCompleted("scan-1", scanned, ENDPOINTS);
		}
		if (script != Script.NO_SCAN) {
			events.repeat(events.list.size() - 1);
		}
	}

	private void rollout(Script script, Events events) {
		Instant rollout = t0.plus(Duration.ofHours(2));
		Instant scanned = t0.plus(Duration.ofHours(3));
		switch (script) {
			case KEEP_EARLY_TERMINATION, KEEP_CONFIRMED_BY_EVENT, KEEP_OTHER_VENDOR, KEEP_LATE_ALTERNATIVE -> {
				if (script == Script.KEEP_LATE_ALTERNATIVE) {
					events.alternativeSelected(t0.plus(Duration.ofMinutes(90)));
					events.repeat(events.list.size() - 1);
					events.contractTerminated("Kaspersky Lab", t0.plus(Duration.ofMinutes(100)));
				}
				// each banned endpoint replaced in one observation: never unprotected on the way
				for (int e = 0; e < 3; e++) {
					events.observed(e, rollout.plus(Duration.ofMinutes(e)), DEFENDER);
				}
				events.repeat(events.list.size() - 2);
				events.observed(0, rollout.minus(Duration.ofMinutes(10)), BANNED);
				events.scanCompleted("scan-2", scanned, ENDPOINTS);
			}
			case KEEP_STALLED -> events.alternativeSelected(t0.plus(Duration.ofMinutes(90)));
			case CLEAN_REFUSED -> {
				events.observed(3, rollout, DEFENDER);
				events.scanCompleted("scan-2", scanned, ENDPOINTS);
			}
			case CLEAN_SHORT_SCAN -> events.scanCompleted("scan-2", scanned, ENDPOINTS);
			case GAP -> {
				events.observed(0, rollout, DEFENDER);
				events.observed(1, rollout.plus(Duration.ofMinutes(1)), SOPHOS);
				events.scanCompleted("scan-2", scanned, ENDPOINTS);
			}
			case CLEAN_REGRESSION -> events.observed(0, rollout, BANNED);
			case NO_SCAN, NOT_REQUIRED -> events.observed(0, rollout, DEFENDER);
			default -> {
			}
		}
	}

	private void contracts(Script script, Events events) {
		Instant terminated = t0.plus(Duration.ofHours(4));
		switch (script) {
			case KEEP_CONFIRMED_BY_EVENT, GAP -> {
				events.contractTerminated("Kaspersky Lab", terminated);
				events.repeat(events.list.size() - 1);
			}
			case KEEP_OTHER_VENDOR -> events.contractTerminated("Microsoft", terminated);
			// the contract of a phased-out organisation: nothing waits for it
			case CLEAN_SIGNED -> events.contractTerminated("Kaspersky Lab", terminated);
			default -> {
			}
		}
	}

	private static Map<String, Object> product(String vendor, String name, String category, String state) {
		return Map.of("vendor", vendor, "name", name, "category", category, "state", state);
	}

	/** One CloudEvent; {@code mix} for observations. */
	private record Event(String organisationId, String source, String type, String id, Map<String, Object> data,
			Mix mix) {

		ProducerRecord<String, byte[]> record() {
			Map<String, Object> event = Map.of("specversion", "1.0", "id", id, "source", source, "type", type,
					"datacontenttype", "application/json", "data", data);
			try {
				var record = new ProducerRecord<>(Topics.INVENTORY, organisationId, JSON.writeValueAsBytes(event));
				record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
				return record;
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** Builds one organisation's events; ids are stable, so a repeat is the same event. */
	private static final class Events {

		private final String org;

		private final List<Event> list = new ArrayList<>();

		Events(String org) {
			this.org = org;
		}

		void observed(int endpoint, Instant at, Mix mix) {
			String endpointId = "ep-" + endpoint;
			list.add(new Event(org, INVENTORY, "phaseout.endpoint.observed",
					org + "/" + endpointId + "/" + at.getEpochSecond() + "/" + mix,
					Map.of("organisationId", org, "endpointId", endpointId, "observedAt", at.toString(), "products",
							mix.products),
					mix));
		}

		void retired(int endpoint, Instant at) {
			String endpointId = "ep-" + endpoint;
			list.add(new Event(org, INVENTORY, "phaseout.endpoint.retired",
					org + "/" + endpointId + "/retired/" + at.getEpochSecond(),
					Map.of("organisationId", org, "endpointId", endpointId, "retiredAt", at.toString()), null));
		}

		void scanCompleted(String scanId, Instant at, int endpointCount) {
			list.add(new Event(org, INVENTORY, "phaseout.inventory.scan-completed", org + "/" + scanId,
					Map.of("organisationId", org, "scanId", scanId, "completedAt", at.toString(), "endpointCount",
							endpointCount),
					null));
		}

		void alternativeSelected(Instant at) {
			list.add(new Event(org, PROCUREMENT, "phaseout.alternative.selected", org + "/alternative",
					Map.of("organisationId", org, "vendor", "Microsoft", "product", "Defender for Endpoint", "selectedAt",
							at.toString()),
					null));
		}

		/** Kaspersky's contract is the one whose end counts; its event id is the one the record names. */
		void contractTerminated(String vendor, Instant at) {
			boolean banned = vendor.startsWith("Kaspersky");
			list.add(new Event(org, PROCUREMENT, "phaseout.contract.terminated",
					banned ? org + "/termination" : org + "/termination/" + vendor + "/" + at.getEpochSecond(),
					Map.of("organisationId", org, "vendor", vendor, "contractId",
							(banned ? "K-" : "M-") + org + "-" + at.getEpochSecond(), "terminatedAt", at.toString()),
					null));
		}

		/** The event at {@code index} published again, as an at-least-once producer does. */
		void repeat(int index) {
			list.add(list.get(index));
		}

	}

}
