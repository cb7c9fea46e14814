package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** When the write lane cannot take an issue (queue full), Sentry hears 503 and the Sentry issue is not wedged. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=",
        "bridge.data-dir=target/hand-over-test-data"
})
class HandOverFailureTest {

    @Autowired
    CamelContext camel;

    @LocalServerPort
    int port;

    @BeforeEach
    void failTheHandOver() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "queue-new-issue", route -> route.weaveById("hand-over-issue").replace()
                .throwException(new IllegalStateException("Queue full")));
        camel.start();
    }

    @Test
    void answers503AndGivesTheClaimBack() {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());

        HttpResponse<String> first = sentry.post("event_alert", eventAlert("5150"));
        HttpResponse<String> second = sentry.post("event_alert", eventAlert("5150"));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first)).containsEntry("status", "unavailable").containsEntry("sentryIssueId", "5150");
        // not "duplicate": the failed hand-over released the claim, so Sentry's next alert is taken afresh
        assertThat(second.statusCode()).isEqualTo(503);
    }
}
