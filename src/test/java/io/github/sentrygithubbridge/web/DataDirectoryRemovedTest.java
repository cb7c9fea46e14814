package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static io.github.sentrygithubbridge.support.SentryDeliveries.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * BRIDGE_DATA_DIR removed while the bridge runs: the open database file would still take writes that the next start
 * never sees, so deliveries get 503 and /health says the storage is down; what was kept before is still sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=" + DataDirectoryRemovedTest.TOKEN,
        "github.repository=acme/shop",
        "github.write-interval=PT0.01S"
})
class DataDirectoryRemovedTest {

    static final String TOKEN = "ghp_dataDirectoryRemoved0123456789";
    static final GitHubStandIn GITHUB = GitHubStandIn.start(TOKEN);
    static final Path DATA_DIR = temporaryDirectory();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("github.api-url", GITHUB::apiUrl);
        registry.add("bridge.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void stopGitHub() {
        GITHUB.close();
    }

    @LocalServerPort
    int port;

    @Test
    void answers503OnceTheStoresFileIsGoneAndStillSendsWhatItKept() throws IOException {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        // GitHub holds its answers: the first alert's write is still kept when the directory goes
        GITHUB.holdWrites(Duration.ofSeconds(2));
        assertThat(sentry.post("event_alert", eventAlert("7101")).statusCode()).isEqualTo(202);

        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        HttpResponse<String> refused = sentry.post("event_alert", eventAlert("7102"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused)).containsEntry("status", "unavailable");
        HttpResponse<String> health = sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"storage\":{\"status\":\"DOWN\"");
        GITHUB.holdWrites(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issuesPerSentryIssue().containsKey("7101"));
        assertThat(GITHUB.issuesPerSentryIssue()).doesNotContainKey("7102");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bridge-data-removed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
