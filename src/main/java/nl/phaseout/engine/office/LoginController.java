package nl.phaseout.engine.office;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The office's login page; Spring Security handles what the form posts. */
@Controller
class LoginController {

	@GetMapping("/office/login")
	String login() {
		return "office/login";
	}

}
