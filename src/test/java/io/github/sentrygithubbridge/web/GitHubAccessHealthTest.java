package io.github.sentrygithubbridge.web;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A setup that can never work no longer looks healthy: a wrong token or a repository the token cannot see makes
 * /health's github component DOWN with the reason (logged at ERROR once, exported as a metric), while deliveries are
 * still accepted, kept, and written once it is fixed.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=ghp_theTokenTheBridgeHas0123456789",
        "github.repository=acme/shop",
        "github.write-interval=PT0.01S",
        "github.first-retry-delay=PT0.1S",
        "github.max-retry-delay=PT0.2S",
        "github.read-retry-interval=PT1S",
        "bridge.data-dir=${java.io.tmpdir}/bridge-github-access-${random.uuid}"
})
@org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics
class GitHubAccessHealthTest {

    // GitHub knows another token: every request is answered 401 Bad credentials
    static final GitHubStandIn GITHUB = GitHubStandIn.start("ghp_theTokenGitHubKnows0123456789");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("github.api-url", GITHUB::apiUrl);
    }

    @AfterAll
    static void stopGitHub() {
        GITHUB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aWrongTokenOrAMissingRepositoryIsDownWithTheReasonWhileDeliveriesAreKept(CapturedOutput output) {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        await().atMost(Duration.ofSeconds(20)).until(() -> health(sentry).body().contains("bad credentials"));
        HttpResponse<String> health = health(sentry);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).containsPattern("\"github\":\\{\"description\":\"bad credentials: GitHub answered 401[^}]*\"status\":\"DOWN\"");
        assertThat(meters.get("bridge.github.access").gauge().value()).isZero();
        assertThat(sentry.post("event_alert", eventAlert("7201")).statusCode()).isEqualTo(202);
        // the first read of GitHub is tried again every 10 s, and refused again each time
        await().atMost(Duration.ofSeconds(25)).until(() -> output.getOut().split("Could not read the issues already on GitHub", -1).length > 2);
        assertThat(output.getOut().split("GitHub refuses the bridge's setup", -1)).as("one ERROR per change, not per answer").hasSize(2);

        GITHUB.acceptToken("ghp_theTokenTheBridgeHas0123456789");
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issuesPerSentryIssue().containsKey("7201"));
        await().atMost(Duration.ofSeconds(10)).until(() -> health(sentry).statusCode() == 200);
        assertThat(meters.get("bridge.github.access").gauge().value()).isOne();

        // the repository gone (or hidden from the token): a refused creation is a dead letter, to be replayed
        GITHUB.down(404);
        assertThat(sentry.post("event_alert", eventAlert("7202")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> health(sentry).body().contains("repository not found"));
        assertThat(health(sentry).statusCode()).isEqualTo(503);
        GITHUB.up();
        assertThat(sentry.post("event_alert", eventAlert("7203")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issuesPerSentryIssue().containsKey("7203"));
        await().atMost(Duration.ofSeconds(10)).until(() -> health(sentry).statusCode() == 200);
    }

    private HttpResponse<String> health(SentryDeliveries sentry) {
        return sentry.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET().build());
    }
}
