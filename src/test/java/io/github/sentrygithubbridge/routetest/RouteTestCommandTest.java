package io.github.sentrygithubbridge.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in this JVM: what it prints and returns; RouteTestCommandIT runs it through the packaged jar. */
class RouteTestCommandTest {

    static final Path DELIVERY = Path.of("examples/tests/deliveries/event-alert.json").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RouteTestCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChooseRouteThatThrowsFailsTheCaseSayingSo() throws IOException {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/choose.camel.yaml"), """
                - route:
                    id: choose-github-target
                    from:
                      uri: direct:choose-github-target
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: the team directory is down
                """);
        Files.writeString(dir.resolve("cases.yaml"), """
                routes: routes
                tests:
                  - name: filed with the defaults
                    delivery: %s
                    expect:
                      decision: open-issue
                      labels: [agent:builder]
                """.formatted(DELIVERY));

        Run run = run(dir.resolve("cases.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  " + dir.resolve("cases.yaml") + ":3: filed with the defaults\n"
                + "        the choose-github-target route failed: java.lang.IllegalStateException: the team directory is down "
                + "(the issue would get BRIDGE_LABELS and nobody assigned)\n").contains("0 passed, 1 failed");
    }

    @Test
    void aDirectoryStandsForItsTestFilesAndOneThatCanNotBeUsedMakesItTwo() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
                settings: {BRIDGE_MIN_LEVEL: fatal}
                tests:
                  - name: an error is below fatal
                    delivery: %s
                    expect: {decision: ignore}
                """.formatted(DELIVERY));
        Files.writeString(dir.resolve("b.yml"), "tests:\n  - name: no delivery file\n    delivery: nowhere.json\n    expect: {}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a test file");

        Run run = run(dir.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("PASS  " + dir.resolve("a.yaml") + ": an error is below fatal")
                .contains("1 passed, 0 failed; 1 file(s) could not be used");
        assertThat(run.err()).contains("ERROR " + dir.resolve("b.yml") + ":2: the delivery " + dir.resolve("nowhere.json") + " does not exist");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("--jnuit", "x.yaml").err()).startsWith("unknown option --jnuit\n" + RouteTestCommand.USAGE);
        assertThat(run("--help").out()).startsWith(RouteTestCommand.USAGE);
        assertThat(run("no-such-file.yaml").err()).contains("ERROR no-such-file.yaml: no such test file");
    }
}
