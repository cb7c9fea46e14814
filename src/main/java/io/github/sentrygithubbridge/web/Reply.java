package io.github.sentrygithubbridge.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON answer to a webhook or an /internal request that went wrong: what became of it, and why.
 *
 * @param httpStatus    the HTTP status it is sent with (not in the JSON)
 * @param status        accepted, ignored, duplicate, rejected, invalid or unavailable
 * @param reason        why, in words
 * @param sentryIssueId the Sentry issue the delivery named, when it named one
 * @param key           the bridge's key for it (differs from the issue id for metric alerts)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(@JsonIgnore int httpStatus, String status, String reason, String sentryIssueId, String key) {
}
