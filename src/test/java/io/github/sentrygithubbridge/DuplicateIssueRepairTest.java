package io.github.sentrygithubbridge;

import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.support.GitHubStandIn;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub takes a creation after the bridge gave up on its answer, while the bridge, finding nothing yet, sends it
 * again: two issues for one Sentry issue. The bridge looks again later, keeps the oldest and closes the other as a
 * duplicate pointing to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=" + DuplicateIssueRepairTest.TOKEN,
        "github.repository=acme/shop",
        "github.write-interval=PT0.01S",
        "github.timeout=PT1S",
        "github.first-retry-delay=PT0.2S",
        "github.max-retry-delay=PT0.5S",
        "bridge.data-dir=${java.io.tmpdir}/bridge-duplicates-${random.uuid}"
})
class DuplicateIssueRepairTest {

    static final String TOKEN = "ghp_duplicateRepair0123456789";
    static final GitHubStandIn GITHUB = GitHubStandIn.start(TOKEN);

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
    SentryIssueLifecycle lifecycle;

    @Test
    void aCreationGitHubFinishesAfterTheTimeoutEndsAsOneIssueAndAClosedDuplicate() {
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.labelNames().contains("agent:builder"));
        // longer than the bridge's timeout: it gives up, looks, finds nothing, and sends the creation again
        GITHUB.delayNextCreate(Duration.ofMillis(2500));
        assertThat(new SentryDeliveries(port, Clock.systemUTC()).post("event_alert", eventAlert("7301")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issuesPerSentryIssue().getOrDefault("7301", 0L) == 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> GITHUB.issues().stream().anyMatch(i -> "duplicate".equals(i.stateReason())));

        GitHubStandIn.Issue kept = GITHUB.issues().get(0);
        GitHubStandIn.Issue duplicate = GITHUB.issues().get(1);
        assertThat(kept.state()).isEqualTo("open");
        assertThat(duplicate.state()).isEqualTo("closed");
        assertThat(GITHUB.comments(duplicate.number())).singleElement().satisfies(c -> assertThat(c).contains("Duplicate of #" + kept.number()));
        assertThat(lifecycle.numberOf("7301")).isEqualTo(kept.number());
    }
}
