package nl.phaseout.engine.process;

/** The names the process model and the code share: process key, message, element ids, variables. */
public final class ProcessConstants {

	public static final String PROCESS_KEY = "phaseout-organisation";

	public static final String APPLICABILITY_DECISION = "phaseout-applicability";

	public static final String PRODUCT_CLASSIFICATION_DECISION = "phaseout-product-classification";

	/** An exemption's review by the office and, once approved, its expiry (see the exemption package). */
	public static final String EXEMPTION_PROCESS_KEY = "phaseout-exemption";

	public static final String MESSAGE_INVENTORY_CHANGED = "InventoryChanged";

	/** Sent to an organisation in verification, sign-off or decommission when a banned product is seen. */
	public static final String MESSAGE_BANNED_PRODUCT_SEEN = "BannedProductSeen";

	/** Sent to a missed deadline's watch when its milestone is reached after all. */
	public static final String MESSAGE_MILESTONE_REACHED = "MilestoneReached";

	/** Element ids (contract and internal). */
	public static final class Element {

		public static final String TASK_DETERMINE_APPLICABILITY = "Task_DetermineApplicability";

		public static final String TASK_DECIDE_ON_ADVICE = "Task_DecideOnAdvice";

		public static final String END_NOT_REQUIRED = "End_NotRequired";

		public static final String END_ADVICE_DECLINED = "End_AdviceDeclined";

		public static final String WAIT_INVENTORY_BASELINE = "Wait_InventoryBaseline";

		public static final String TASK_REVIEW_CONTRACTS = "Task_ReviewContracts";

		public static final String TASK_CHOOSE_ALTERNATIVE = "Task_ChooseAlternative";

		public static final String SUBPROCESS_ROLLOUT = "SubProcess_Rollout";

		public static final String WAIT_ROLLOUT_COMPLETE = "Wait_RolloutComplete";

		public static final String WAIT_PROTECTION_GAP = "Wait_ProtectionGap";

		public static final String TASK_RESOLVE_PROTECTION_GAP = "Task_ResolveProtectionGap";

		public static final String SUBPROCESS_VERIFICATION = "SubProcess_Verification";

		public static final String WAIT_VERIFICATION_SCAN = "Wait_VerificationScan";

		public static final String TASK_ASSESS_SCAN = "Task_AssessScan";

		public static final String BOUNDARY_BANNED_SEEN = "Boundary_BannedSeen";

		public static final String TASK_RESOLVE_REGRESSION = "Task_ResolveRegression";

		public static final String SUBPROCESS_DEADLINE_WATCH = "SubProcess_DeadlineWatch";

		public static final String TASK_SIGN_OFF_VERIFICATION = "Task_SignOffVerification";

		public static final String TASK_CONFIRM_CONTRACT_ENDED = "Task_ConfirmContractEnded";

		public static final String TASK_RECORD_MISSED_DEADLINE = "Task_RecordMissedDeadline";

		public static final String TASK_HANDLE_MISSED_DEADLINE = "Task_HandleMissedDeadline";

		public static final String TIMER_DEADLINE = "Timer_Deadline";

		/** Waits for a confirmed contract end date that lies ahead. */
		public static final String TIMER_CONTRACT_ENDS = "Timer_ContractEnds";

		public static final String END_PHASED_OUT = "End_PhasedOut";

		/** The office approves or refuses an exemption (process {@code phaseout-exemption}). */
		public static final String TASK_REVIEW_EXEMPTION = "Task_ReviewExemption";

		/** An approved exemption runs until the end of its last day, Dutch time. */
		public static final String TIMER_EXEMPTION_EXPIRES = "Timer_ExemptionExpires";

		private Element() {
		}

	}

	/** Process variables. */
	public static final class Var {

		/**
		 * The campaign, the organisation (also the business key), its name, category and project
		 * managers' group, and the deadlines: set at the start for people to see; the process
		 * itself reads them from the application's tables (ParticipantSession).
		 */
		public static final String CAMPAIGN_ID = "campaignId";

		public static final String ORGANISATION_ID = "organisationId";

		public static final String ORGANISATION_NAME = "organisationName";

		public static final String CATEGORY = "category";

		public static final String PM_GROUP = "pmGroup";

		public static final String APPLICABILITY = "applicability";

		public static final String PHASE = "phase";

		public static final String OVERDUE = "overdue";

		public static final String PHASE_OUT = "phaseOut";

		public static final String RATIONALE = "rationale";

		public static final String ALTERNATIVE_VENDOR = "alternativeVendor";

		public static final String ALTERNATIVE_PRODUCT = "alternativeProduct";

		public static final String CONTRACT_ENDED_ON = "contractEndedOn";

		/** The contract review's remarks; shown, not asked again, when the contract's end is confirmed. */
		public static final String CONTRACT_REMARKS = "contractRemarks";

		/** The contract's end date as the contract review recorded it (yyyy-MM-dd). */
		public static final String CONTRACT_END_DATE = "contractEndDate";

		/** Remarks made when the contract's end is confirmed. */
		public static final String CONTRACT_END_REMARKS = "contractEndRemarks";

		/** When the rollout was complete, on the inventory's clock (a Date; null when no endpoint was ever seen). */
		public static final String ROLLOUT_COMPLETED_AT = "rolloutCompletedAt";

		/** A verification scan counts when it completed after this moment, on the inventory's clock. */
		public static final String VERIFY_SCANS_AFTER = "verifyScansAfter";

		/** The last scan assessed: its verdict ({@code CLEAN}, {@code INCOMPLETE}, {@code NOT_CLEAN}) and why. */
		public static final String SCAN_VERDICT = "scanVerdict";

		public static final String SCAN_VERDICT_REASON = "scanVerdictReason";

		public static final String SIGN_OFF = "signOff";

		public static final String SIGN_OFF_NOTE = "signOffNote";

		/** Readable lists of the endpoints a task is about (at most 50, and how many more). */
		public static final String GAP_ENDPOINTS_LIST = "gapEndpointsList";

		public static final String REGRESSION_ENDPOINTS_LIST = "regressionEndpointsList";

		public static final String REGRESSION_BANNED = "regressionBanned";

		public static final String EVIDENCE_SCAN_SOURCE = "evidenceScanSource";

		public static final String EVIDENCE_ENDPOINTS_LIST = "evidenceEndpointsList";

		public static final String EVIDENCE_SCAN_ENDPOINT_COUNT = "evidenceScanEndpointCount";

		public static final String MILESTONE_PHASE = "milestonePhase";

		public static final String DEADLINE_DUE = "deadlineDue";

		public static final String PROTECTION_GAP_ENDPOINTS = "protectionGapEndpoints";

		public static final String MISSED_DEADLINE = "missedDeadline";

		/** Local to the open office task's watch: the deadlines it lists, comma-separated, in the order missed. */
		public static final String MISSED_MILESTONES = "missedMilestones";

		/** Local to a watch instance: its miss was added to the office task already open. */
		public static final String ADDED_TO_OPEN_TASK = "addedToOpenTask";

		/** The multi-instance element variable of the deadline watch: the deadline's name. */
		public static final String DEADLINE = "deadline";

		public static final String EVIDENCE_TOTAL = "evidenceTotal";

		public static final String EVIDENCE_BANNED = "evidenceBanned";

		public static final String EVIDENCE_PROTECTED = "evidenceProtected";

		public static final String EVIDENCE_UNPROTECTED = "evidenceUnprotected";

		public static final String EVIDENCE_SCAN_ID = "evidenceScanId";

		public static final String EVIDENCE_SCAN_COMPLETED_AT = "evidenceScanCompletedAt";

		public static final String EVIDENCE_STALE = "evidenceStale";

		/**
		 * The live endpoints the last scan assessed did not cover (it said when it started, and they were
		 * not observed between its start and completion): at most 50, and how many more; empty when none.
		 */
		public static final String EVIDENCE_UNCOVERED_LIST = "evidenceUncoveredList";

		/** How the organisation verifies: {@code scan}, or {@code rolling} (the sign-off is the census). */
		public static final String VERIFICATION = "verification";

		/** At a rolling sign-off: the project manager confirms the listed endpoints are all of the organisation's. */
		public static final String CENSUS_CONFIRMED = "censusConfirmed";

		/**
		 * Display texts: what a form shows, in Dutch words, beside a stored value that is a key, an
		 * ISO-8601 date or a URN. Prepared by the engine ({@link FormTexts}), shown in read-only fields
		 * that a completion ignores, and never read by the process.
		 */
		public static final String PHASE_TEKST = "phaseTekst";

		public static final String PM_GROUP_TEKST = "pmGroupTekst";

		public static final String DEADLINE_TEKST = "deadlineTekst";

		public static final String MISSED_MILESTONES_TEKST = "missedMilestonesTekst";

		public static final String DEADLINE_DUE_TEKST = "deadlineDueTekst";

		public static final String MILESTONE_PHASE_TEKST = "milestonePhaseTekst";

		public static final String EVIDENCE_SCAN_COMPLETED_AT_TEKST = "evidenceScanCompletedAtTekst";

		public static final String EVIDENCE_SCAN_SOURCE_TEKST = "evidenceScanSourceTekst";

		public static final String CONTRACT_END_DATE_TEKST = "contractEndDateTekst";

		/** {@code deadline_inventory} and so on: a {@link java.util.Date}, or null when the campaign sets none. */
		public static String deadline(String name) {
			return "deadline_" + name;
		}

		private Var() {
		}

	}

	private ProcessConstants() {
	}

}
