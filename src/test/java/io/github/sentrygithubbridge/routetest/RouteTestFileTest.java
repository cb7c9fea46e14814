package io.github.sentrygithubbridge.routetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test file format: what it reads, and a one-line error naming the file and line for what it can't use. */
class RouteTestFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("cases.yaml"), yaml);
    }

    @Test
    void readsEveryKeyWithPathsRelativeToTheFile() throws IOException {
        RouteTestFile read = RouteTestFile.read(file("""
                routes: config/routes
                templates: config/templates
                settings:
                  GITHUB_REPOSITORY: acme/shop
                  BRIDGE_GITHUB_CREATES_PER_MINUTE: 5
                tests:
                  - name: payments
                    delivery: deliveries/a.json
                    resource: event_alert
                    with:
                      level: fatal
                      tags: {team: payments}
                    expect:
                      decision: open-issue
                      labels: team:payments
                      assignees: []
                      title_matches: "^fatal"
                      body_contains: ["Seen in"]
                """));

        assertThat(read.routes()).isEqualTo(dir.resolve("config/routes"));
        assertThat(read.templates()).isEqualTo(dir.resolve("config/templates"));
        assertThat(read.settings()).isEqualTo(Map.of("GITHUB_REPOSITORY", "acme/shop", "BRIDGE_GITHUB_CREATES_PER_MINUTE", "5"));
        RouteTestCase test = read.cases().get(0);
        assertThat(test.name()).isEqualTo("payments");
        assertThat(test.line()).isEqualTo(7);
        assertThat(test.delivery()).isEqualTo(dir.resolve("deliveries/a.json"));
        assertThat(test.resource()).isEqualTo("event_alert");
        assertThat(test.with()).isEqualTo(new DeliveryChanges(11, "fatal", null, null, Map.of("team", "payments")));
        assertThat(test.expect().labels()).containsExactly("team:payments");
        assertThat(test.expect().assignees()).isEmpty();
        assertThat(test.expect().titleMatches().pattern()).isEqualTo("^fatal");
        assertThat(test.expect().repository()).isNull();
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsLineRatherThanCheckingNothing() throws IOException {
        Path file = file("""
                tests:
                  - name: payments
                    delivery: a.json
                    expect:
                      repositry: acme/payments
                """);

        assertThatThrownBy(() -> RouteTestFile.read(file)).isInstanceOf(RouteTestFileException.class)
                .hasMessage(file + ":5: unknown key 'repositry' in expect (known: decision, repository, labels, assignees, title, "
                        + "title_matches, body_contains, body_not_contains)");
    }

    @Test
    void eachUnusableFileSaysWhatIsWrongAndWhere() throws IOException {
        assertProblem("tests: [", ":1: not YAML: ");
        assertProblem("", ": is empty: it needs a list of tests");
        assertProblem("routes: r\n", ":1: no tests: a test file needs a list of tests");
        assertProblem("tests: []\n", ":1: tests is empty");
        assertProblem("tests:\n  - delivery: a.json\n    expect: {}\n", ":2: a test needs a name");
        assertProblem("tests:\n  - name: a\n    expect: {}\n", ":2: test 'a' needs a delivery: the file of a Sentry delivery body");
        assertProblem("tests:\n  - name: a\n    delivery: a.json\n", ":2: test 'a' needs expect: what must come out");
        assertProblem("tests:\n  - {name: a, delivery: a.json, expect: {decision: open}}\n",
                ":2: unknown decision 'open' (known: open-issue, open-regression-issue, update, resolve, archive, unresolve, regress, repeat, ignore)");
        assertProblem("tests:\n  - {name: a, delivery: a.json, expect: {title_matches: \"(\"}}\n", ":2: title_matches is not a regular expression: ");
        assertProblem("tests:\n  - {name: a, delivery: a.json, expect: {}}\n  - {name: a, delivery: b.json, expect: {}}\n",
                ":3: a second test named 'a': names must be unique in a file");
        assertProblem("settings: {GITHUB_REPOSITORY: [a]}\ntests: []\n", ":1: setting GITHUB_REPOSITORY must be a single value");
        assertProblem("tests:\n  - {name: a, delivery: a.json, with: {user: x}, expect: {}}\n",
                ":2: unknown key 'user' in with (known: level, environment, release, tags)");
    }

    private void assertProblem(String yaml, String problem) throws IOException {
        Path file = file(yaml);
        assertThatThrownBy(() -> RouteTestFile.read(file)).as(yaml).isInstanceOf(RouteTestFileException.class)
                .hasMessageStartingWith(file + problem);
    }

    @Test
    void filesWithTheSameRoutesTemplatesAndSettingsShareOneStart() throws IOException {
        String yaml = "routes: r\nsettings: {A: b}\ntests:\n  - {name: a, delivery: a.json, expect: {}}\n";
        RouteTestFile one = RouteTestFile.read(file(yaml));
        RouteTestFile two = RouteTestFile.read(Files.writeString(dir.resolve("other.yaml"), yaml.replace("name: a", "name: b")));

        assertThat(one.setup()).isEqualTo(two.setup());
        assertThat(List.of(one.setup())).doesNotContain(RouteTestFile.read(file(yaml.replace("A: b", "A: c"))).setup());
    }
}
