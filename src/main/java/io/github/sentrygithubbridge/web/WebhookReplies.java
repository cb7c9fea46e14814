package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.sentry.SentryAlert;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Builds the answer to Sentry from what the route decided (or what went wrong). */
@Component("webhookReplies")
public class WebhookReplies {

    public WebhookReply reply(@ExchangeProperty("outcome") String outcome,
                              @ExchangeProperty("reason") String reason,
                              @ExchangeProperty("sentryAlert") SentryAlert alert,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        String why = reason != null ? reason : error != null ? error.getMessage() : null;
        return alert == null
                ? new WebhookReply(outcome, why, null, null)
                : new WebhookReply(outcome, why, alert.sentryIssueId(), alert.key());
    }
}
