package io.github.sentrygithubbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import io.github.sentrygithubbridge.state.PendingWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A stop keeps the GitHub writes not yet sent in the store; the next start sends them, none twice. */
class GracefulStopTest {

    WireMockServer github;

    @BeforeEach
    void startGitHub() {
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        // a slow GitHub: the writes are still queued when the stop begins
        github.stubFor(post(urlEqualTo("/repos/acme/shop/issues")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(300).withHeader("Content-Type", "application/json").withBody("{\"number\": 1}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        github.stubFor(post(urlEqualTo("/repos/acme/shop/labels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterEach
    void stopGitHub() {
        github.stop();
    }

    @Test
    void leavesTheWritesNotYetSentInTheStoreForTheNextStart() throws IOException {
        Path dataDir = Files.createTempDirectory("bridge-graceful-stop");
        ConfigurableApplicationContext bridge = start(dataDir);
        int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        for (String id : new String[] {"7001", "7002", "7003", "7004", "7005"}) {
            assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
        }

        bridge.close();
        int sentBeforeRestart = issuesOpened();
        assertThat(sentBeforeRestart).as("sent before the stop ended").isLessThan(5);

        // the next start on the same data directory sends the rest, and nothing twice
        try (ConfigurableApplicationContext again = start(dataDir)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> issuesOpened() >= 5);
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> again.getBean(PendingWrites.class).count() == 0);
        }
        assertThat(issuesOpened()).isEqualTo(5);
    }

    private ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplication(BridgeApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--bridge.webhook.secret=" + SentryDeliveries.SECRET,
                "--bridge.data-dir=" + dataDir,
                "--github.token=test-token", "--github.repository=acme/shop",
                "--github.api-url=http://127.0.0.1:" + github.port(),
                "--github.write-interval=PT0.01S", "--camel.main.shutdown-timeout=20");
    }

    private int issuesOpened() {
        return github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/issues"))).size();
    }
}
