package io.github.sentrygithubbridge.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.FailedRequests;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.Variable;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * What the routes that talk to Sentry's web API need: an issue's address and the token (never logged), and
 * Sentry's own word on a status before a status delivery is believed (a replayed one says what is no longer so).
 */
@Component("sentryApi")
public class SentryApi {

    /** Sentry's word when the issue or incident is no more (deleted, or not the organisation's). */
    static final String GONE = "gone";

    private final SentryApiProperties properties;
    private final ObjectMapper json;

    public SentryApi(SentryApiProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public String issueUrl(@ExchangeProperty("sentryIssueId") String sentryIssueId) {
        return properties.issueUrl(sentryIssueId);
    }

    public String bearer() {
        return properties.bearer();
    }

    /** Whether Sentry is asked before a status delivery is believed: one still to be decided, with SENTRY_API_TOKEN. */
    public boolean asks(@ExchangeProperty("sentryStatus") SentryStatus status, @ExchangeProperty("sentryIssueKey") String key,
                        @ExchangeProperty("reason") String reasonToIgnore) {
        return status != null && reasonToIgnore == null && properties.statusUrl(key) != null;
    }

    public String statusUrl(@ExchangeProperty("sentryIssueKey") String key) {
        return properties.statusUrl(key);
    }

    /**
     * The status in Sentry's answer: an issue's (resolved, unresolved, ignored), an incident's (closed, open), or
     * gone on 404 and 410. Any other failure is thrown: the delivery is answered 503, nothing believed.
     */
    public String statusNow(@Body String body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Headers Map<String, Object> headers)
            throws IOException, HttpOperationFailedException {
        int code = status == null ? 0 : status;
        if (code == 404 || code == 410) {
            return GONE;
        }
        if (code < 200 || code >= 300) {
            throw FailedRequests.failed("GET status in Sentry", code, headers, body);
        }
        JsonNode answer = json.readTree(body);
        JsonNode state = answer.path("status");
        if (state.isIntegralNumber()) {
            // an incident: 2 is closed, anything else (open, warning, critical) is not
            return state.asInt() == 2 ? "closed" : "open";
        }
        if (!state.isTextual()) {
            throw new IOException("Sentry's answer names no status");
        }
        return state.asText();
    }

    /** Why a status delivery changes nothing: Sentry says otherwise now (a late or replayed delivery); null when it agrees. */
    public String disagreement(@ExchangeProperty("sentryStatus") SentryStatus status, @ExchangeProperty("sentryIssueKey") String key,
                               @Variable("sentryStatusNow") String now) {
        Set<String> agreeing = switch (status.change()) {
            case SentryStatus.RESOLVED -> Set.of("resolved", "closed");
            case SentryStatus.ARCHIVED -> Set.of("ignored", "archived");
            default -> Set.of("unresolved");
        };
        return agreeing.contains(now) ? null
                : "Sentry says " + key + " is " + now + " now: this " + status.change() + " delivery changes nothing (late or replayed)";
    }
}
