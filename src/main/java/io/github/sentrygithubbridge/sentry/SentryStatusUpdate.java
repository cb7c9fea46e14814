package io.github.sentrygithubbridge.sentry;

/**
 * A kept write to Sentry's web API: the body of {@code PUT …/issues/{id}/} that gives a Sentry issue the status a person
 * gave its GitHub issue.
 *
 * @param status resolved, ignored or unresolved
 */
public record SentryStatusUpdate(String status) {
}
