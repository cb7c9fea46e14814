package io.github.sentrygithubbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.github.IssueDraft;
import io.github.sentrygithubbridge.github.IssueRenderer;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.web.SignatureVerifier;
import io.github.sentrygithubbridge.web.WebhookProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.util.unit.DataSize;

/**
 * The work the bridge does for one delivery, step by step, on the fixtures: verify, parse, normalise,
 * render. Not a test; run by bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeliveryWorkBenchmark {

    static final String SECRET = "bench-secret";

    @Param({"event_alert_triggered.sentry-docs.json", "error_created.sentry-docs.json", "issue_created.sentry-docs.json"})
    public String fixture;

    private final ObjectMapper json = new ObjectMapper();
    private final SentryAlertNormaliser normaliser = new SentryAlertNormaliser();
    private final IssueRenderer renderer = new IssueRenderer();
    private final SignatureVerifier verifier = new SignatureVerifier(
            new WebhookProperties(SECRET, DataSize.ofMegabytes(1), Duration.ofMinutes(5)), Clock.systemUTC());
    private final List<String> labels = List.of("agent:builder");
    private byte[] body;
    private String signature;
    private String resource;
    private JsonNode tree;
    private SentryAlert alert;

    @Setup
    public void setUp() throws IOException {
        body = SentryDeliveries.fixture(fixture);
        signature = SignatureVerifier.sign(SECRET, body);
        resource = fixture.substring(0, fixture.indexOf('_', fixture.startsWith("event_alert") ? 6 : 0));
        tree = json.readTree(body);
        alert = normaliser.normalise(resource, tree);
    }

    @Benchmark
    public void verify() {
        verifier.verify(body, signature, null, null);
    }

    @Benchmark
    public JsonNode parse() throws IOException {
        return json.readTree(body);
    }

    @Benchmark
    public SentryAlert normalise() {
        return normaliser.normalise(resource, tree);
    }

    @Benchmark
    public IssueDraft render() {
        return renderer.render(alert, labels, List.of());
    }

    @Benchmark
    public IssueDraft wholeDelivery() throws IOException {
        verifier.verify(body, signature, null, null);
        return renderer.render(normaliser.normalise(resource, json.readTree(body)), labels, List.of());
    }
}
