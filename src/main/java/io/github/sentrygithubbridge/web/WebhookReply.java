package io.github.sentrygithubbridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON answer to Sentry: what became of the delivery, and why.
 *
 * @param status        accepted, ignored, duplicate, rejected, invalid, unavailable or error
 * @param reason        why, in words
 * @param sentryIssueId the Sentry issue the delivery named, when it named one
 * @param key           the bridge's key for it (differs from the issue id for metric alerts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReply(String status, String reason, String sentryIssueId, String key) {
}
