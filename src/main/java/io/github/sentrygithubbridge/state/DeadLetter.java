package io.github.sentrygithubbridge.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A GitHub write the bridge gave up on. The issue or comment itself stays in the store for the replay.
 *
 * @param id            its id, to replay it alone
 * @param sentryIssueId the Sentry issue, when the delivery named one
 * @param key           the bridge's key for the Sentry issue
 * @param action        create or comment
 * @param error         the last error
 * @param attempts      how many times the write was sent to GitHub (0 when it failed before being sent)
 * @param acceptedAt    when Sentry's delivery was accepted
 * @param failedAt      when the bridge gave up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(Long id, String sentryIssueId, String key, String action, String error, int attempts,
                         Instant acceptedAt, Instant failedAt) {
}
