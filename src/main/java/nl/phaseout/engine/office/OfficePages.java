package nl.phaseout.engine.office;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import nl.phaseout.engine.campaign.Campaign;
import nl.phaseout.engine.campaign.CampaignCatalog;
import nl.phaseout.engine.report.OfficeReaders;

/**
 * What the dashboard and the organisation page share: the campaign they show and the frame
 * around it (who is signed in, and whether the link to Cockpit is for them).
 */
@Component
class OfficePages {

	private final CampaignCatalog campaigns;

	private final AuthorizationService authorizations;

	OfficePages(CampaignCatalog campaigns, AuthorizationService authorizations) {
		this.campaigns = campaigns;
		this.authorizations = authorizations;
	}

	/** The campaign asked for; without one, the default campaign or else the first active one; 404 if none. */
	Campaign campaign(String id) {
		if (id != null && !id.isBlank()) {
			return campaigns.find(id.trim()).orElseThrow(() -> new NotShownException("campaign", id.trim()));
		}
		return campaigns.find(Campaign.DEFAULT_ID)
			.or(() -> campaigns.active().stream().findFirst())
			.orElseThrow(() -> new NotShownException("campaign", null));
	}

	void addFrame(Model model, Authentication user) {
		model.addAttribute("userName", user.getName());
		model.addAttribute("cockpit", mayUseCockpit(user));
		model.addAttribute("officeUser", OfficeReaders.isOffice(user));
	}

	/** Cockpit is for those Camunda lets in: administrators and groups with access to the application. */
	private boolean mayUseCockpit(Authentication user) {
		List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		return groups.contains(OfficeReaders.ADMIN) || authorizations.isUserAuthorized(user.getName(), groups,
				Permissions.ACCESS, Resources.APPLICATION, "cockpit");
	}

}
