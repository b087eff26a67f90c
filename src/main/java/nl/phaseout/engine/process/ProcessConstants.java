package nl.phaseout.engine.process;

import java.util.List;

/** The names the process model and the code share: process key, message, element ids, variables. */
public final class ProcessConstants {

	public static final String PROCESS_KEY = "phaseout-organisation";

	public static final String APPLICABILITY_DECISION = "phaseout-applicability";

	public static final String PRODUCT_CLASSIFICATION_DECISION = "phaseout-product-classification";

	public static final String MESSAGE_INVENTORY_CHANGED = "InventoryChanged";

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

		public static final String WAIT_VERIFICATION_SCAN = "Wait_VerificationScan";

		public static final String TASK_SIGN_OFF_VERIFICATION = "Task_SignOffVerification";

		public static final String TASK_CONFIRM_CONTRACT_ENDED = "Task_ConfirmContractEnded";

		public static final String TASK_HANDLE_MISSED_DEADLINE = "Task_HandleMissedDeadline";

		public static final String TIMER_DEADLINE = "Timer_Deadline";

		public static final String END_PHASED_OUT = "End_PhasedOut";

		private Element() {
		}

	}

	/** Process variables. */
	public static final class Var {

		public static final String CAMPAIGN_ID = "campaignId";

		public static final String ORGANISATION_ID = "organisationId";

		public static final String ORGANISATION_NAME = "organisationName";

		public static final String CATEGORY = "category";

		public static final String PM_GROUP = "pmGroup";

		public static final String APPLICABILITY_DECISION_KEY = "applicabilityDecisionKey";

		public static final String APPLICABILITY = "applicability";

		public static final String PHASE = "phase";

		public static final String OVERDUE = "overdue";

		public static final String PHASE_OUT = "phaseOut";

		public static final String RATIONALE = "rationale";

		public static final String ALTERNATIVE_VENDOR = "alternativeVendor";

		public static final String ALTERNATIVE_PRODUCT = "alternativeProduct";

		public static final String CONTRACT_ENDED_ON = "contractEndedOn";

		public static final String CONTRACT_REMARKS = "contractRemarks";

		public static final String ROLLOUT_COMPLETED_AT = "rolloutCompletedAt";

		public static final String PROTECTION_GAP_ENDPOINTS = "protectionGapEndpoints";

		public static final String MISSED_DEADLINE = "missedDeadline";

		/** The multi-instance element variable of the deadline watch: the deadline's name. */
		public static final String DEADLINE = "deadline";

		public static final String EVIDENCE_TOTAL = "evidenceTotal";

		public static final String EVIDENCE_BANNED = "evidenceBanned";

		public static final String EVIDENCE_PROTECTED = "evidenceProtected";

		public static final String EVIDENCE_UNPROTECTED = "evidenceUnprotected";

		public static final String EVIDENCE_SCAN_ID = "evidenceScanId";

		public static final String EVIDENCE_SCAN_COMPLETED_AT = "evidenceScanCompletedAt";

		/** {@code deadline_inventory} and so on: a {@link java.util.Date}, or null when the campaign sets none. */
		public static String deadline(String name) {
			return "deadline_" + name;
		}

		private Var() {
		}

	}

	/** Deadline names, in the order their milestones are reached. */
	public static final List<String> DEADLINES = List.of("inventory", "plan", "rolloutStart", "completion");

	private ProcessConstants() {
	}

}
