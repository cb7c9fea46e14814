package io.github.sentrygithubbridge.sentry;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** What the route that writes to Sentry's web API needs: the issue's address and the token, never logged. */
@Component("sentryApi")
public class SentryApi {

    private final SentryApiProperties properties;

    public SentryApi(SentryApiProperties properties) {
        this.properties = properties;
    }

    public String issueUrl(@ExchangeProperty("sentryIssueId") String sentryIssueId) {
        return properties.issueUrl(sentryIssueId);
    }

    public String bearer() {
        return properties.bearer();
    }
}
