package io.github.sentrygithubbridge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sentrygithubbridge.RefusedRequestException;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.state.StoreUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** The answers the reply route sends: what the route decided, a refused request, or work the bridge could not keep. */
@Component("replies")
public class Replies {

    /**
     * What the route decided: the lifecycle's decision when there is one (202 when it queued a write, else 200),
     * else the outcome and reason the route set (200); a reason without an outcome is a delivery ignored.
     */
    public Reply decided(@ExchangeProperty("decision") Decision decision, @ExchangeProperty("outcome") String outcome,
                         @ExchangeProperty("reason") String reason, @ExchangeProperty("sentryAlert") SentryAlert alert) {
        return decision != null ? reply(decision.httpStatus(), decision.answer().outcome(), decision.answer().reason(), alert)
                : reply(200, outcome != null ? outcome : "ignored", reason, alert);
    }

    /** A request refused for what it is: its own status, or 400 for a body that is not JSON or not usable. */
    public Reply refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, @ExchangeProperty("sentryAlert") SentryAlert alert) {
        if (error instanceof RefusedRequestException refused) {
            return reply(refused.httpStatus(), refused.outcome(), refused.getMessage(), alert);
        }
        if (error instanceof JsonProcessingException json) {
            return reply(400, "invalid", "the body is not valid JSON: " + json.getOriginalMessage(), alert);
        }
        return reply(400, "invalid", error.getMessage(), alert);
    }

    /** Work the bridge could not keep: 503, never a 2xx, so the sender tries again. */
    public Reply unavailable(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error, @ExchangeProperty("sentryAlert") SentryAlert alert) {
        String reason = error instanceof StoreUnavailableException
                ? "the bridge's storage is unavailable, so this delivery was not kept; see /health"
                : "the bridge could not keep this delivery; nothing was queued";
        return reply(503, "unavailable", reason, alert);
    }

    /** A reason may quote what the sender sent (an event's name, a parser's message): never more than this back. */
    static final int LONGEST_REASON = 300;

    private static Reply reply(int httpStatus, String outcome, String reason, SentryAlert alert) {
        if (reason != null && reason.length() > LONGEST_REASON) {
            reason = reason.substring(0, LONGEST_REASON) + "…";
        }
        return alert == null ? new Reply(httpStatus, outcome, reason, null, null)
                : new Reply(httpStatus, outcome, reason, alert.sentryIssueId(), alert.key());
    }
}
