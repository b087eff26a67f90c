package nl.phaseout.engine.security;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * One login for the browser: the Camunda webapps' session is where a signed-in user is kept,
 * whether they signed in to Tasklist or to {@code /office}. This repository reads that session
 * for {@code /office}, for Swagger UI and for a browser's calls to {@code /api} and its
 * description, and {@link #signIn} writes it after the office's login form, so Tasklist and
 * Cockpit need no second login. Signing out of either ends both. Nothing else is stored: the
 * Camunda session is the only truth.
 */
class WebappSession implements SecurityContextRepository {

	/** The engine the webapps serve under {@code /camunda/app/.../default/}. */
	static final String ENGINE = "default";

	/** The session attribute in which the Camunda webapps keep their {@link Authentications}. */
	private static final String CAMUNDA_AUTHENTICATIONS = "authenticatedUser";

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	/** Only requests under these paths (after the context path) may use the session. */
	private final List<String> pathPrefixes;

	WebappSession(String... pathPrefixes) {
		this.pathPrefixes = List.of(pathPrefixes);
	}

	private boolean applies(HttpServletRequest request) {
		String path = RequestPaths.of(request);
		return pathPrefixes.stream().anyMatch(path::startsWith);
	}

	/** The user signed in to the webapps in this request's session, as a Spring authentication, or null. */
	static Authentication signedIn(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(CAMUNDA_AUTHENTICATIONS) instanceof Authentications all)) {
			return null;
		}
		if (!(all.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user)) {
			return null;
		}
		List<SimpleGrantedAuthority> groups = user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
		return UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null, groups);
	}

	/**
	 * Signs the user in to the webapps as Camunda's own login does: a new session (against
	 * session fixation) holding the user's groups and the webapps they may use.
	 *
	 * @return false when the engine does not know the user
	 */
	static boolean signIn(HttpServletRequest request, ProcessEngine engine, String userId) {
		UserAuthentication user = AuthenticationUtil.createAuthentication(engine, userId);
		if (user == null) {
			return false;
		}
		user.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
		AuthenticationUtil.revalidateSession(request, user);
		return true;
	}

	/**
	 * Signs in a user whom the OpenID Connect provider vouched for, with the groups its token
	 * lists: the engine need not know the user. The webapps they may use are those their groups
	 * are granted (Camunda's application authorizations, as for any user). Camunda rebuilds a
	 * session's user from its identity tables once the authentication cache expires, which would
	 * sign such a user out: the token's groups hold for the session instead, which ends when the
	 * user signs out or stays away for the session's timeout.
	 */
	static void signIn(HttpServletRequest request, ProcessEngine engine, String userId, List<String> groupIds) {
		AuthorizationService authorizations = engine.getAuthorizationService();
		Set<String> apps = new HashSet<>(Set.of(AuthenticationUtil.APP_WELCOME));
		// the check reads every authorization, as the webapps' own login does: not as the request's user
		engine.getIdentityService().clearAuthentication();
		for (String app : AuthenticationUtil.APPS) {
			if (!engine.getProcessEngineConfiguration().isAuthorizationEnabled()
					|| authorizations.isUserAuthorized(userId, groupIds, Permissions.ACCESS, Resources.APPLICATION, app)) {
				apps.add(app);
			}
		}
		UserAuthentication user = new UserAuthentication(userId, engine.getName());
		user.setGroupIds(List.copyOf(groupIds));
		user.setTenantIds(List.of());
		user.setAuthorizedApps(apps);
		user.setCacheValidationTime(new Date(Long.MAX_VALUE));
		AuthenticationUtil.revalidateSession(request, user);
	}

	@Override
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return context(holder.getRequest());
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Supplier<SecurityContext> context = () -> context(request);
		return new DeferredSecurityContext() {
			private SecurityContext loaded;

			@Override
			public SecurityContext get() {
				if (loaded == null) {
					loaded = context.get();
				}
				return loaded;
			}

			@Override
			public boolean isGenerated() {
				return get().getAuthentication() == null;
			}
		};
	}

	/** The webapps' session is written by {@link #signIn} and by Camunda's own login, never here. */
	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return applies(request) && signedIn(request) != null;
	}

	private SecurityContext context(HttpServletRequest request) {
		SecurityContext context = holder.createEmptyContext();
		Authentication user = applies(request) ? signedIn(request) : null;
		if (user != null) {
			context.setAuthentication(user);
		}
		return context;
	}

}
