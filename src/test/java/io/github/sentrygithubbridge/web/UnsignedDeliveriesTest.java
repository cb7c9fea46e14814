package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With no webhook secret configured the service runs, and refuses every delivery. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=",
        "github.token=",
        "bridge.data-dir=${java.io.tmpdir}/bridge-unsigned-test-${random.uuid}"
})
class UnsignedDeliveriesTest {

    @LocalServerPort
    int port;

    @Test
    void refusesEveryDeliveryWhenNoSecretIsConfigured() {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        byte[] body = eventAlert("123");

        java.util.Map<String, String> unsigned = sentry.sentryHeaders("event_alert", body, "anything");
        unsigned.remove("Sentry-Hook-Signature");
        HttpResponse<String> withoutSignature = sentry.post(body, unsigned);
        HttpResponse<String> signedWithAnything = sentry.post("event_alert", body);

        assertThat(withoutSignature.statusCode()).isEqualTo(401);
        assertThat(signedWithAnything.statusCode()).isEqualTo(401);
        assertThat(json(signedWithAnything).get("reason")).asString().contains("no webhook secret");
    }

    @Test
    void hidesTheInternalEndpointsWhenNoAdminTokenIsSet() {
        SentryDeliveries http = new SentryDeliveries(port, Clock.systemUTC());
        assertThat(http.send(internal("GET", "/internal/sentry-test")).statusCode()).isEqualTo(404);
        assertThat(http.send(internal("GET", "/internal/dead-letters")).statusCode()).isEqualTo(404);
        assertThat(http.send(internal("POST", "/internal/dead-letters/replay")).statusCode()).isEqualTo(404);
    }

    private java.net.http.HttpRequest internal(String method, String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer x").method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    }
}
