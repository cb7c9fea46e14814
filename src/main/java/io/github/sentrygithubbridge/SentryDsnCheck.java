package io.github.sentrygithubbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * SENTRY_DSN is read by the Sentry starter while the web server starts, long before the bridge's own settings: a
 * malformed one is refused here, first, with the bridge's one-line message instead of the starter's stack trace.
 */
class SentryDsnCheck implements EnvironmentPostProcessor {

    static final String EXAMPLE = "https://PUBLIC_KEY@o1.ingest.sentry.io/2";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dsn = environment.getProperty("sentry.dsn");
        if (dsn != null && !dsn.isBlank() && !isDsn(dsn.trim())) {
            // the DSN carries a key: it is not repeated back
            throw new InvalidSettingException("SENTRY_DSN", null, "is not a Sentry DSN (https://KEY@HOST/PROJECT_ID)", EXAMPLE);
        }
    }

    static boolean isDsn(String dsn) {
        try {
            java.net.URI uri = new java.net.URI(dsn);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getUserInfo() != null
                    && uri.getHost() != null && uri.getPath() != null && uri.getPath().matches("(/[^/]+)*/\\d+/?");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
