package io.github.sentrygithubbridge.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A choose-github-target route that throws: the alert is still filed, with the defaults, and the failure is counted. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token="
})
class FailingChooseRouteTest {

    static final Path DATA = directory("bridge-failing-choose-data");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        Path routes = directory("bridge-failing-choose-routes");
        Files.writeString(routes.resolve("choose.camel.yaml"), """
                - route:
                    id: choose-github-target
                    from:
                      uri: direct:choose-github-target
                      steps:
                        - setProperty:
                            name: githubLabels
                            expression:
                              constant:
                                expression: never-used
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: the team directory is down
                """);
        registry.add("bridge.routes-dir", routes::toString);
        registry.add("bridge.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void theAlertIsFiledWithTheDefaultsAndTheFailureCounted() throws IOException {
        var reply = new SentryDeliveries(port, Clock.systemUTC()).post("event_alert", SentryDeliveries.eventAlert("9200001"));

        assertThat(reply.statusCode()).isEqualTo(202);
        assertThat(meters.get("bridge.extension.failures").tag("route", "choose-github-target").counter().count()).isEqualTo(1);
        // the dry run writes the issue it would open: BRIDGE_LABELS only
        Path dryRun = DATA.resolve("dry-run");
        String issue = await().atMost(Duration.ofSeconds(10)).until(() -> created(dryRun), s -> s != null);
        assertThat(issue).contains("Labels: agent:builder\n").doesNotContain("never-used");
    }

    private static String created(Path dryRun) throws IOException {
        if (!Files.isDirectory(dryRun)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dryRun)) {
            Path file = files.filter(f -> f.getFileName().toString().contains("-create-")).findFirst().orElse(null);
            return file == null ? null : Files.readString(file);
        }
    }

    private static Path directory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
