package io.github.sentrygithubbridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.sentrygithubbridge.support.SentryDeliveries.eventAlert;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A graceful stop drains the GitHub writes already accepted instead of dropping them. */
class GracefulStopTest {

    WireMockServer github;

    @BeforeEach
    void startGitHub() {
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        // a slow GitHub: the writes are still queued when the stop begins
        github.stubFor(post(urlEqualTo("/repos/acme/shop/issues")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(300).withHeader("Content-Type", "application/json").withBody("{\"number\": 1}")));
        github.stubFor(post(urlEqualTo("/repos/acme/shop/labels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    @AfterEach
    void stopGitHub() {
        github.stop();
    }

    @Test
    void drainsTheQueuedWritesOnAGracefulStop() throws IOException {
        ConfigurableApplicationContext bridge = new SpringApplication(BridgeApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--bridge.webhook.secret=" + SentryDeliveries.SECRET,
                "--bridge.data-dir=" + Files.createTempDirectory("bridge-graceful-stop"),
                "--github.token=test-token", "--github.repository=acme/shop",
                "--github.api-url=http://127.0.0.1:" + github.port(),
                "--github.write-interval=PT0.01S", "--camel.main.shutdown-timeout=20");
        int port = ((WebServerApplicationContext) bridge).getWebServer().getPort();
        SentryDeliveries sentry = new SentryDeliveries(port, Clock.systemUTC());
        for (String id : new String[] {"7001", "7002", "7003", "7004", "7005"}) {
            assertThat(sentry.post("event_alert", eventAlert(id)).statusCode()).isEqualTo(202);
        }
        int sentBeforeStop = github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/issues"))).size();

        bridge.close();

        assertThat(sentBeforeStop).as("still queued when the stop began").isLessThan(5);
        assertThat(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/shop/issues")))).hasSize(5);
    }
}
