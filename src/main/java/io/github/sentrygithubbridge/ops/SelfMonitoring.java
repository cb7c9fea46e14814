package io.github.sentrygithubbridge.ops;

import io.github.sentrygithubbridge.RefusedRequestException;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryId;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Reports the bridge's own failures (dead letters, deliveries it could not take) to Sentry, tagged with the
 * route and the Sentry issue concerned; never the payload, headers or anything personal.
 */
@Component("selfMonitoring")
public class SelfMonitoring {

    /** Sends the exception the route caught, with the route that failed and the Sentry issue as tags. */
    public void report(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error,
                       @ExchangeProperty(Exchange.FAILURE_ROUTE_ID) String failedRoute,
                       @ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubAction") String action,
                       @ExchangeProperty("requestId") String requestId) {
        if (error == null || !Sentry.isEnabled()) {
            return;
        }
        Sentry.captureException(error, scope -> {
            scope.setTag("route_id", failedRoute == null ? "unknown" : failedRoute);
            tag(scope, "sentry_issue_id", key);
            tag(scope, "github_action", action);
            tag(scope, "request_id", requestId);
        });
    }

    /** Sends a test event, so an operator can see the bridge reach Sentry; refused (503) when Sentry is off. */
    public Map<String, String> sendTestEvent() {
        if (!Sentry.isEnabled()) {
            throw new RefusedRequestException(503, "unavailable", "SENTRY_DSN is not set: nothing was sent");
        }
        SentryId id = Sentry.captureException(new IllegalStateException("sentry-github-bridge test event: Sentry reporting works"),
                scope -> {
                    scope.setLevel(SentryLevel.INFO);
                    scope.setTag("route_id", "internal-sentry-test");
                });
        Sentry.flush(5000);
        return Map.of("eventId", id.toString());
    }

    private static void tag(io.sentry.IScope scope, String name, String value) {
        if (value != null && !value.isBlank()) {
            scope.setTag(name, value);
        }
    }

    /** Whatever a Sentry integration attached of an HTTP request: keep the method and path only. */
    @Bean
    static SentryOptions.BeforeSendCallback stripRequestData() {
        return (SentryEvent event, io.sentry.Hint hint) -> {
            Request request = event.getRequest();
            if (request != null) {
                Request kept = new Request();
                kept.setMethod(request.getMethod());
                kept.setUrl(request.getUrl());
                event.setRequest(kept);
            }
            event.setUser(null);
            return event;
        };
    }
}
