package io.github.sentrygithubbridge;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;

/** A failed call to GitHub or Sentry in one line, for a dead letter and its log: the status, the URL, the answer (cut). */
public final class FailedRequests {

    static final int LONGEST_ANSWER = 500;

    private FailedRequests() {
    }

    /**
     * A read answered with a failure, as camel-http would have thrown it: the retry policy reads Retry-After and the
     * rate-limit headers from it, and {@link #describe} the status and the answer.
     */
    public static HttpOperationFailedException failed(String request, int status, Map<String, Object> headers, String body) {
        Map<String, String> answered = new HashMap<>();
        headers.forEach((name, value) -> answered.put(name, String.valueOf(value)));
        return new HttpOperationFailedException(request, status, null, null, answered, body);
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
