package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.ops.BridgeMetrics;
import java.util.Date;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.language.simple.Simple;
import org.springframework.stereotype.Component;

/**
 * Counts each answer the reply route gives Sentry, by the resource Sentry named and the outcome, and how long it
 * took since the delivery arrived. Its values are bound here, not passed as {@code ${body.status()}}-style
 * arguments: Camel evaluates those through its bean language on every delivery, which took 7 % of the storm's CPU
 * samples in a profile (docs/benchmarks.md).
 */
@Component("sentryAnswers")
public class SentryAnswers {

    private final BridgeMetrics metrics;

    public SentryAnswers(BridgeMetrics metrics) {
        this.metrics = metrics;
    }

    public void count(@ExchangeProperty("sentryResource") String resource, @Body Reply reply,
                      @Simple("${date:exchangeCreated}") Date receivedAt) {
        metrics.webhookAnswered(resource, reply.status(), receivedAt.getTime());
    }
}
