package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/** Describes a write the bridge gave up on, from what the exchange carried. */
@Component("deadLetters")
public class DeadLetters {

    private final Clock clock;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    public DeadLetter describe(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error,
                               @ExchangeProperty(GitHubActivity.ATTEMPTS) Integer attempts,
                               @ExchangeProperty("githubAction") String action,
                               @ExchangeProperty("githubRequest") Object request,
                               @ExchangeProperty("sentryAlert") SentryAlert alert) {
        return new DeadLetter(clock.instant(), alert == null ? null : alert.sentryIssueId(),
                alert == null ? null : alert.key(), action, describe(error), attempts == null ? 0 : attempts, request, alert);
    }

    private static String describe(Exception error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof HttpOperationFailedException failed) {
            String body = failed.getResponseBody();
            if (body != null && body.length() > 500) {
                body = body.substring(0, 500) + "…";
            }
            return "GitHub answered " + failed.getStatusCode() + " to " + failed.getUri() + (body == null || body.isBlank() ? "" : ": " + body);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
