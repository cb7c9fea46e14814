package io.github.sentrygithubbridge.routes;

import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/internal-sentry-test.camel.yaml on its own: without SENTRY_DSN it says nothing was sent. */
class InternalSentryTestRouteTest extends RouteTestKit {

    @BeforeEach
    void startRoutes() throws Exception {
        start("internal-sentry-test", "reply");
    }

    @Test
    void withoutADsnNothingIsSentAndItSaysWhy() throws Exception {
        HttpResponse<String> answer = http("GET", "/internal/sentry-test", null, true);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(json(answer)).containsEntry("status", "unavailable").containsEntry("reason", "SENTRY_DSN is not set: nothing was sent");
        assertThat(http("GET", "/internal/sentry-test", null, false).statusCode()).isEqualTo(401);
    }
}
