package nl.phaseout.engine.security;

import java.util.List;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.stereotype.Component;

/**
 * Two settings of Camunda's identity service. Its password policy is on: a new password has at
 * least {@value #MIN_LENGTH} characters and does not contain the user's id, names or e-mail
 * (length over character classes, as NIST SP 800-63B advises). Camunda's own lockout is off:
 * after {@code loginMaxAttempts} failures it locks a user for good, until an administrator
 * unlocks them, which lets any stranger lock any account (the administrator's included) by
 * guessing. {@link LoginThrottle} slows the guesser down instead, and only the guesser.
 */
@Component
class IdentityHardeningPlugin extends AbstractProcessEnginePlugin {

	static final int MIN_LENGTH = 12;

	static final PasswordPolicy POLICY = new PasswordPolicy() {

		private final List<PasswordPolicyRule> rules = List.of(new PasswordPolicyLengthRuleImpl(MIN_LENGTH),
				new PasswordPolicyUserDataRuleImpl());

		@Override
		public List<PasswordPolicyRule> getRules() {
			return rules;
		}

	};

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setEnablePasswordPolicy(true);
		configuration.setPasswordPolicy(POLICY);
		// Never a permanent lock, and no lock at all: a failed login only counts (delay 0 s).
		configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
		configuration.setLoginDelayMaxTime(0);
	}

}
