package nl.phaseout.engine.office;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Dutch unless the user chose English with {@code ?lang=en}; the choice is remembered in a
 * cookie. Only Dutch and English exist: any other choice means Dutch.
 */
@Configuration(proxyBeanMethods = false)
class OfficeLocales implements WebMvcConfigurer {

	static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

	static final Locale ENGLISH = Locale.forLanguageTag("en-GB");

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("phaseout-lang") {
			@Override
			public void setLocaleContext(HttpServletRequest request, HttpServletResponse response,
					LocaleContext context) {
				Locale chosen = context == null ? null : context.getLocale();
				super.setLocaleContext(request, response, new SimpleLocaleContext(supported(chosen)));
			}
		};
		resolver.setDefaultLocale(DUTCH);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookiePath("/");
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).addPathPatterns("/office", "/office/**", "/error");
	}

	static Locale supported(Locale locale) {
		return locale != null && locale.getLanguage().equals("en") ? ENGLISH : DUTCH;
	}

}
