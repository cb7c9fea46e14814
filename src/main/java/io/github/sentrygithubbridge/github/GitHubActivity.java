package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.ops.BridgeMetrics;
import io.github.sentrygithubbridge.sentry.SentryApiProperties;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpActivityListener;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sees every HTTP request and its answer: one audit line and the request metrics for each. Sentry's web API is
 * told apart by its address, so that none of its answers counts as GitHub's (a 401 of Sentry is no refused token).
 */
@Component
class GitHubActivity implements HttpActivityListener {

    static final String REQUEST_LINE = "githubRequestLine";
    private static final Logger AUDIT = LoggerFactory.getLogger("io.github.sentrygithubbridge.audit");

    private final BridgeMetrics metrics;
    private final GitHubAccess access;
    private final GitHubToken token;

    /** SENTRY_API_URL's host, port and path: Sentry's web API is what is called there, under /api/0/. */
    private final String sentryHost;
    private final int sentryPort;
    private final String sentryApiPath;

    GitHubActivity(BridgeMetrics metrics, GitHubAccess access, GitHubToken token, SentryApiProperties sentry) {
        this.metrics = metrics;
        this.access = access;
        this.token = token;
        URI sentryApi = URI.create(sentry.url());
        this.sentryHost = sentryApi.getHost();
        this.sentryPort = sentryApi.getPort() >= 0 ? sentryApi.getPort() : "https".equalsIgnoreCase(sentryApi.getScheme()) ? 443 : 80;
        this.sentryApiPath = sentryApi.getPath() + "/api/0/";
    }

    @Override
    public void onRequestSubmitted(Object source, Exchange exchange, HttpHost host, HttpRequest request, HttpEntity entity) {
        // counted when the answer comes (or as an error by the retry policy when none does)
        exchange.setProperty(REQUEST_LINE, request.getMethod() + " " + request.getRequestUri());
    }

    @Override
    public void onResponseReceived(Object source, Exchange exchange, HttpHost host, HttpResponse response, HttpEntity entity,
                                   long elapsed) {
        String write = exchange.getProperty("githubAction", String.class);
        if (isSentry(host, exchange.getProperty(REQUEST_LINE, String.class))) {
            metrics.sentryAnswered(Integer.toString(response.getCode()));
            AUDIT.info("Sentry status for Sentry issue {}: {} answered {} in {} ms", exchange.getProperty("sentryIssueKey", String.class),
                    exchange.getProperty(REQUEST_LINE, String.class), response.getCode(), elapsed);
            return;
        }
        if (response.getCode() == 401) {
            token.refused();
        }
        // a read (the list of issues, one issue) is not the write it was made for
        String action = "GET".equals(request(exchange)) ? "list" : write;
        Header remaining = response.getFirstHeader("x-ratelimit-remaining");
        metrics.gitHubAnswered(action, Integer.toString(response.getCode()), remaining == null ? null : remaining.getValue());
        boolean rateLimited = response.getFirstHeader("retry-after") != null
                || (remaining != null && "0".equals(remaining.getValue().trim()));
        access.answered(exchange.getProperty(REQUEST_LINE, String.class), response.getCode(), rateLimited);
        AUDIT.info("GitHub {} for Sentry issue {}: {} answered {} in {} ms", action,
                exchange.getProperty("sentryIssueKey", String.class), exchange.getProperty(REQUEST_LINE, String.class),
                response.getCode(), elapsed);
    }

    /** A call to SENTRY_API_URL's host and port, under its {@code /api/0/}: Sentry's web API, whatever else shares the host. */
    private boolean isSentry(HttpHost host, String requestLine) {
        String path = requestLine == null ? "" : requestLine.substring(requestLine.indexOf(' ') + 1);
        return host != null && host.getHostName().equalsIgnoreCase(sentryHost) && (host.getPort() == sentryPort || host.getPort() < 0)
                && path.startsWith(sentryApiPath);
    }

    private static String request(Exchange exchange) {
        String line = exchange.getProperty(REQUEST_LINE, String.class);
        return line == null ? null : line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
    }
}
