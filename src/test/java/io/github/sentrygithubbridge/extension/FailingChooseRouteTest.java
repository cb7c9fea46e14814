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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A choose-github-target route that throws: the alert is still filed, with the defaults, and the failure is counted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.webhook.secret=" + SentryDeliveries.SECRET,
        "github.token=",
        "bridge.admin-token=" + FailingChooseRouteTest.ADMIN
})
class FailingChooseRouteTest {

    static final Path DATA = directory("bridge-failing-choose-data");
    static final String ADMIN = "admin-token-of-the-failing-choose-route-test";

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws IOException {
        Path routes = directory("bridge-failing-choose-routes");
        Files.writeString(routes.resolve("choose.camel.yaml"), """
                - route:
                    id: choose-github-target
                    from:
                      uri: direct:choose-github-target
                      steps:
                        - choice:
                            when:
                              # a probe: what of the request reaches the engineer's route
                              - simple:
                                  expression: "${exchangeProperty.sentryAlert.tags[probe]} == 'headers'"
                                steps:
                                  - setProperty:
                                      name: githubLabels
                                      expression:
                                        simple:
                                          expression: "headers-${headers.size()}"
                            otherwise:
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
        double before = failures();
        var reply = new SentryDeliveries(port, Clock.systemUTC()).post("event_alert", SentryDeliveries.eventAlert("9200001"));

        assertThat(reply.statusCode()).isEqualTo(202);
        assertThat(failures()).isEqualTo(before + 1);
        // the dry run writes the issue it would open: BRIDGE_LABELS only
        Path dryRun = DATA.resolve("dry-run");
        String issue = await().atMost(Duration.ofSeconds(10)).until(() -> created(dryRun), s -> s != null);
        assertThat(issue).contains("Labels: agent:builder\n").doesNotContain("never-used");
    }

    @Test
    void theEngineersRouteGetsNothingOfTheRequestAndThePreviewCountsNoFailure() throws Exception {
        double before = failures();

        var failing = preview(SentryDeliveries.eventAlert("9200002"));
        var probe = preview(SentryDeliveries.withTag(SentryDeliveries.eventAlert("9200003"), "probe", "headers"));

        assertThat(failing.statusCode()).isEqualTo(200);
        assertThat(SentryDeliveries.json(failing).get("labels")).isEqualTo(java.util.List.of("agent:builder"));
        assertThat(SentryDeliveries.json(failing).get("targetFailure"))
                .isEqualTo("the choose-github-target route failed: java.lang.IllegalStateException: the team directory is down");
        assertThat(SentryDeliveries.json(probe)).doesNotContainKey("targetFailure");
        assertThat(failures()).as("a preview counts nothing").isEqualTo(before);
        // no Authorization (the admin token), no Camel HTTP header, no Sentry header: the route sees the alert only
        assertThat(SentryDeliveries.json(probe).get("labels")).isEqualTo(java.util.List.of("agent:builder", "headers-0"));
    }

    private double failures() {
        return meters.get("bridge.extension.failures").tag("route", "choose-github-target").counter().count();
    }

    private java.net.http.HttpResponse<String> preview(byte[] body) {
        return new SentryDeliveries(port, Clock.systemUTC()).send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/internal/preview"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .header("Sentry-Hook-Resource", "event_alert")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
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
