package nl.phaseout.engine.notification;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The members of a group who can be mailed: those with an e-mail address in Camunda's identity
 * service. Users known only from a sign-in provider's token have none here and get no mail.
 */
class Recipients {

	private final IdentityService identity;

	Recipients(IdentityService identity) {
		this.identity = identity;
	}

	List<Recipient> ofGroup(String groupId) {
		return identity.createUserQuery()
			.memberOfGroup(groupId)
			.orderByUserId()
			.asc()
			.list()
			.stream()
			.filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
			.map((User user) -> new Recipient(user.getId(), user.getEmail().trim()))
			.toList();
	}

}
