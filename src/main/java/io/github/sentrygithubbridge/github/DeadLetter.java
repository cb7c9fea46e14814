package io.github.sentrygithubbridge.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import java.time.Instant;

/**
 * A GitHub write the bridge gave up on, kept with everything needed to understand and replay it.
 *
 * @param time          when it was given up
 * @param sentryIssueId the Sentry issue, when there is one
 * @param key           the bridge's key for the Sentry issue
 * @param action        create, comment or label
 * @param error         the last error
 * @param attempts      how many times the write was sent to GitHub (0 when it failed before being sent)
 * @param request       the issue, comment or label that was to be written
 * @param alert         the normalised alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(Instant time, String sentryIssueId, String key, String action, String error, int attempts,
                         Object request, SentryAlert alert) {
}
