package nl.phaseout.engine.process;

/**
 * Whether a campaign lets an organisation with exempted endpoints reach sign-off (its
 * {@code exemptions.allowSignOff}; implemented above the campaign package). Where it does, an
 * exempted endpoint counts as done: the rollout is complete when no endpoint is banned or stale and
 * every live one is protected or exempted. Where it does not, exempted endpoints keep the
 * organisation in rollout, as banned ones do.
 */
@FunctionalInterface
public interface ExemptedSignOff {

	/** No campaign lets exempted endpoints pass: the default where nothing is wired. */
	ExemptedSignOff NEVER = campaignId -> false;

	boolean allowed(String campaignId);

}
