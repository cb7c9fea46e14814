package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A stopped PostgreSQL: deliveries get 503 with the reason and /health says the storage is down, then both recover. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=",
        "bridge.store.kind=postgres",
        "bridge.data-dir=${java.io.tmpdir}/bridge-storage-down-${random.uuid}"
})
class StorageDownTest {

    static final TestPostgres POSTGRES = TestPostgres.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = POSTGRES.newDatabase();
        registry.add("bridge.store.db-url", () -> url);
        registry.add("bridge.store.db-user", () -> "postgres");
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndKeepsNothingHalfDone() {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        assertThat(sentry.post("event_alert", eventAlert("7001")).statusCode()).isEqualTo(202);

        POSTGRES.stop();
        try {
            // within the second Sentry waits: a later answer is a timeout to Sentry, whatever it says
            byte[] body = eventAlert("7002");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sentry"))
                    .timeout(Duration.ofSeconds(1)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            sentry.sentryHeaders("event_alert", body, SentryDeliveries.SECRET).forEach(request::header);
            HttpResponse<String> refused = sentry.send(request.build());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused)).containsEntry("status", "unavailable").containsEntry("sentryIssueId", "7002");
            assertThat((String) json(refused).get("reason")).contains("storage is unavailable");
            HttpResponse<String> health = health(sentry);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(storage(health)).containsEntry("status", "DOWN");
        } finally {
            POSTGRES.startAgain();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> health(sentry).statusCode() == 200);
        // the refused alert left no claim behind: Sentry's next alert of that issue opens it
        HttpResponse<String> again = sentry.post("event_alert", eventAlert("7002"));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again)).containsEntry("status", "accepted");
        // and what was accepted before the outage is still known
        assertThat(json(sentry.post("event_alert", eventAlert("7001")))).containsEntry("status", "duplicate");
    }

    private HttpResponse<String> health(SentryDeliveries sentry) {
        return sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storage(HttpResponse<String> health) {
        Map<String, Object> components = (Map<String, Object>) json(health).get("components");
        assertThat(components).as(health.body()).containsKey("storage");
        return (Map<String, Object>) components.get("storage");
    }
}
