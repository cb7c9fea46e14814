package io.github.sentrygithubbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A new file in routes/ comes with its Camel route test: routes/open-github-issue.camel.yaml → OpenGitHubIssueRouteTest. */
class EveryRouteFileIsTestedTest {

    @Test
    void eachFileInRoutesHasARouteTestOfItsName() throws IOException {
        List<String> untested;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            untested = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".camel.yaml"))
                    .filter(name -> !exists(testOf(name))).sorted().toList();
        }
        assertThat(untested).as("route files without a route test in %s", getClass().getPackageName()).isEmpty();
    }

    static String testOf(String routeFile) {
        return Arrays.stream(routeFile.replace(".camel.yaml", "").split("-"))
                .map(word -> word.equals("github") ? "GitHub" : Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining("", EveryRouteFileIsTestedTest.class.getPackageName() + ".", "RouteTest"));
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
