package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.support.BridgeProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code java -jar sentry-github-bridge.jar test} as an engineer's CI runs it: the packaged jar, in a working
 * directory of its own, with nothing of the bridge's environment set.
 */
class RouteTestCommandIT {

    static final Path JAR = Path.of("target", "sentry-github-bridge.jar").toAbsolutePath();
    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

    record Run(int exit, String out, String err) {
    }

    static Run test(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(BridgeProcess.jvm(javaBinary(), "-jar", JAR.toString(), "test"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("route-test", ".out");
        Path err = Files.createTempFile("route-test", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // the engineer's CI has none of the bridge's settings: the test files give them
        builder.environment().keySet().removeIf(name -> name.startsWith("BRIDGE_") || name.startsWith("GITHUB_") || name.startsWith("SENTRY_"));
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("test did not finish within 2 minutes");
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theExamplesPassAndNothingIsWritten(@TempDir Path workDir) throws Exception {
        Run run = test(workDir, EXAMPLES.resolve("tests").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> cases = run.out().lines().filter(line -> line.startsWith("PASS") || line.startsWith("FAIL")).toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(4).allMatch(line -> line.startsWith("PASS  "));
        assertThat(run.out()).contains("PASS  " + EXAMPLES.resolve("tests/routes-and-templates.yaml") + ": payments errors go to the payments team")
                .containsPattern("(?m)^" + cases.size() + " passed, 0 failed$");
        // no store, no dry-run issue, nothing at all where it ran
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aWrongExpectationFailsWithExpectedAgainstActualAndTheReportSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("payments.yaml"), """
                routes: %s
                templates: %s
                settings:
                  GITHUB_REPOSITORY: acme/shop
                  BRIDGE_REPOSITORIES: acme/payments
                  CHAT_WEBHOOK_URL: http://127.0.0.1:9/hook
                tests:
                  - name: payments go to search, wrongly
                    delivery: %s
                    resource: event_alert
                    with:
                      tags: {team: payments}
                    expect:
                      repository: acme/search
                  - name: payments go to payments
                    delivery: %s
                    resource: event_alert
                    with:
                      tags: {team: payments}
                    expect:
                      repository: acme/payments
                      assignees: [payments-oncall]
                """.formatted(EXAMPLES.resolve("routes"), EXAMPLES.resolve("templates"),
                EXAMPLES.resolve("tests/deliveries/event-alert.json"), EXAMPLES.resolve("tests/deliveries/event-alert.json")));

        Run run = test(dir, "payments.yaml", "--junit", "report/junit.xml");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  payments.yaml:8: payments go to search, wrongly\n"
                        + "        repository: expected acme/search, got \"acme/payments\"")
                .contains("PASS  payments.yaml: payments go to payments")
                .contains("1 passed, 1 failed");
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("report/junit.xml").toFile());
        Element suites = report.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("2");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) report.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("payments go to search, wrongly");
        assertThat(failure.getAttribute("message")).isEqualTo("repository: expected acme/search, got \"acme/payments\"");
    }

    @Test
    void aRouteFileThatDoesNotBuildExitsTwoNamingIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/choose-github-target.camel.yaml"), """
                - route:
                    id: choose-github-target
                    from:
                      uri: direct:choose-github-target
                      steps:
                        - to:
                            uri: no-such-component:anywhere
                """);
        Files.writeString(dir.resolve("broken.yaml"), """
                routes: routes
                tests:
                  - name: anything
                    delivery: %s
                    expect:
                      decision: open-issue
                """.formatted(EXAMPLES.resolve("tests/deliveries/event-alert.json")));

        Run run = test(dir, "broken.yaml");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        List<String> errors = run.err().lines().filter(line -> line.startsWith("ERROR")).toList();
        assertThat(errors).singleElement().asString()
                .startsWith("ERROR broken.yaml: " + dir.toAbsolutePath().resolve("routes/choose-github-target.camel.yaml"))
                .contains("route choose-github-target does not build", "no-such-component");
        assertThat(run.out()).contains("0 passed, 0 failed; 1 file(s) could not be used");
        assertThat(new String(run.err().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }
}
