package nl.phaseout.engine.organisation;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import nl.phaseout.engine.campaign.Category;
import nl.phaseout.engine.security.DemoIdentities;

/**
 * The demo set of the {@code dev} profile: a few organisations of different categories,
 * each with a project manager whose password is their user id.
 */
@Component
@Profile("dev")
class DemoOrganisations implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(DemoOrganisations.class);

	record Demo(String id, String name, Category category, String pmUser, String pmFirstName) {
	}

	static final List<Demo> DEMOS = List.of(
			new Demo("MIN-JENV", "Ministerie van Justitie en Veiligheid", Category.CENTRAL_GOVERNMENT, "jan", "Jan"),
			new Demo("MIN-BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", Category.CENTRAL_GOVERNMENT,
					"fatima", "Fatima"),
			new Demo("TENNET", "TenneT TSO", Category.VITAL_PROVIDER, "sanne", "Sanne"),
			new Demo("GEM-UTRECHT", "Gemeente Utrecht", Category.MUNICIPALITY, "pieter", "Pieter"));

	private final OrganisationRegistration registration;

	private final OrganisationRepository organisations;

	private final IdentityService identityService;

	private final DemoIdentities demoIdentities;

	DemoOrganisations(OrganisationRegistration registration, OrganisationRepository organisations,
			IdentityService identityService, DemoIdentities demoIdentities) {
		this.demoIdentities = demoIdentities;
		this.registration = registration;
		this.organisations = organisations;
		this.identityService = identityService;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Demo demo : DEMOS) {
			if (organisations.find(demo.id()).isPresent()) {
				continue;
			}
			Organisation organisation = registration
				.register(new RegistrationRequest(demo.id(), demo.name(), demo.category().name(), null));
			if (identityService.createUserQuery().userId(demo.pmUser()).count() == 0) {
				User user = identityService.newUser(demo.pmUser());
				user.setFirstName(demo.pmFirstName());
				user.setLastName("(PM " + demo.id() + ")");
				user.setPassword(demo.pmUser());
				demoIdentities.save(identityService, user);
				identityService.createMembership(demo.pmUser(), organisation.pmGroup());
			}
			log.info("Demo organisation {} registered; its project manager logs in as {}/{}", demo.id(), demo.pmUser(),
					demo.pmUser());
		}
	}

}
