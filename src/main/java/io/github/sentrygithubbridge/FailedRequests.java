package io.github.sentrygithubbridge;

import org.apache.camel.http.base.HttpOperationFailedException;

/** A failed call to GitHub or Sentry in one line, for a dead letter and its log: the status, the URL, the answer (cut). */
public final class FailedRequests {

    static final int LONGEST_ANSWER = 500;

    private FailedRequests() {
    }

    public static String describe(Exception error) {
        if (error == null) {
            return "unknown error";
        }
        if (error instanceof HttpOperationFailedException failed) {
            String body = failed.getResponseBody();
            if (body != null && body.length() > LONGEST_ANSWER) {
                body = body.substring(0, LONGEST_ANSWER) + "…";
            }
            return "GitHub answered " + failed.getStatusCode() + " to " + failed.getUri() + (body == null || body.isBlank() ? "" : ": " + body);
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
