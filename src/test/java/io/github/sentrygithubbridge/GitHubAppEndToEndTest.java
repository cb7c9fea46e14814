package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.AppKeys;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bridge signed in as a GitHub App, through the front door: issues are opened with one installation token for
 * many writes, a token GitHub stops taking is replaced and the write goes out, and neither the key nor a token nor a
 * JWT reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=",
        "github.app.id=4242",
        "github.repository=acme/shop",
        "github.write-interval=PT0.02S",
        "github.first-retry-delay=PT0.05S",
        "github.max-retry-delay=PT0.2S"
})
class GitHubAppEndToEndTest {

    static final AppKeys KEYS = new AppKeys();
    static final GitHubStandIn GITHUB = GitHubStandIn.start("no-personal-token");

    static {
        GITHUB.enableApp("4242", KEYS.publicKey(), 31337, Duration.ofHours(1));
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        registry.add("github.api-url", GITHUB::apiUrl);
        registry.add("github.app.private-key", KEYS::pkcs1Pem);
        registry.add("bridge.data-dir", Files.createTempDirectory("bridge-github-app")::toString);
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    @LocalServerPort
    int port;

    @Test
    void opensIssuesWithFewTokenRequestsRenewsARefusedTokenAndLogsNoSecret(CapturedOutput output) {
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        for (String id : new String[] {"9300001", "9300002", "9300003"}) {
            assertThat(sentry.post("event_alert", SentryDeliveries.eventAlert(id)).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issues().size() == 3);
        // the startup read of GitHub, the labels and three issues: one token, one installation lookup
        assertThat(GITHUB.appTokenRequests()).isEqualTo(1);
        assertThat(GITHUB.appInstallationLookups()).isEqualTo(1);

        GITHUB.revokeAppTokens();
        assertThat(sentry.post("event_alert", SentryDeliveries.eventAlert("9300004")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issues().size() == 4);
        assertThat(GITHUB.appTokenRequests()).as("a 401, then a new token").isEqualTo(2);
        assertThat(GITHUB.issuesPerSentryIssue()).containsEntry("9300004", 1L);

        assertThat(output.getAll()).as("a replaced token is no setup error").doesNotContain("GitHub refuses the bridge's setup");

        // GitHub refuses a token request once, then takes them again: the write goes out within seconds, not at
        // the end of its two-minute lease
        GITHUB.revokeAppTokens();
        GITHUB.refuseAppTokenRequests(1);
        assertThat(sentry.post("event_alert", SentryDeliveries.eventAlert("9300005")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issues().size() == 5);
        assertThat(GITHUB.appTokenRequests()).as("a 401 and a refused request, then a new token").isEqualTo(3);
        assertThat(output.getAll()).contains("as GitHub App 4242")
                .doesNotContain("ghs_", "PRIVATE KEY", "eyJ", KEYS.pkcs1Pem().lines().skip(2).findFirst().orElseThrow());
    }
}
