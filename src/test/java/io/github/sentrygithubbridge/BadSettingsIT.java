package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.support.BridgeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar with a setting that can't work: it stops at startup with one line that names the variable, says
 * what is wrong with the value and shows a good one, and prints no stack trace.
 */
class BadSettingsIT {

    @ParameterizedTest(name = "{0}={1}")
    // one setting of Spring's binding and one of the Sentry SDK's, as the jar prints them; BadSettingsTest checks the
    // line of every other setting in-process, through the same failure analyzers
    @CsvSource(delimiter = '|', value = {
            "BRIDGE_GITHUB_TIMEOUT           | -PT1S         | must be a duration above zero",
            "SENTRY_DSN                      | garbage       | is not a Sentry DSN",
    })
    void stopsWithOneLineNamingTheSettingAndNoStackTrace(String variable, String value, String problem) throws Exception {
        String output = failToStart(Map.of(variable, value));

        assertOneLineNaming(output, variable, problem);
    }

    @Test
    void aDataDirectoryThatIsAFileOrCannotBeCreatedStopsStartup() throws Exception {
        Path file = Files.createTempFile("bridge-data", ".txt");

        assertOneLineNaming(failToStart(Map.of("BRIDGE_DATA_DIR", file.toString())), "BRIDGE_DATA_DIR", "is a file, not a directory");
        assertOneLineNaming(failToStart(Map.of("BRIDGE_DATA_DIR", file.resolve("below").toString())), "BRIDGE_DATA_DIR", "cannot be created");
    }

    @Test
    void anAppKeyFileThatIsNoFileStopsStartupInOneLine() throws Exception {
        String output = failToStart(Map.of("GITHUB_APP_ID", "123456", "GITHUB_APP_PRIVATE_KEY_FILE", "/dev/zero",
                "GITHUB_APP_INSTALLATION_ID", "45678901", "GITHUB_REPOSITORY", "acme/shop"));

        assertOneLineNaming(output, "GITHUB_APP_PRIVATE_KEY_FILE=/dev/zero", "is larger than 64 KiB");
        assertThat(output).doesNotContain("OutOfMemoryError");
    }

    @Test
    void anUnreachableDatabaseStopsStartupNamingTheUrl() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + BridgeProcess.freePort() + "/bridge";

        String output = failToStart(Map.of("BRIDGE_STORE", "postgres", "BRIDGE_DB_URL", url, "BRIDGE_DB_USER", "postgres"));

        assertOneLineNaming(output, "BRIDGE_DB_URL=" + url, "the store cannot be opened");
    }

    @Test
    void aRouteFileThatDoesNotParseOrBuildStopsStartupNamingTheFileAndLine() throws Exception {
        Path unparsable = Files.createTempDirectory("bridge-routes");
        Files.writeString(unparsable.resolve("broken.camel.yaml"), """
                - route:
                    id: mine
                    from:
                      uri: direct:mine
                      steps:
                        - setBody:
                            constant: [unclosed
                """);
        Path unbuildable = Files.createTempDirectory("bridge-routes");
        Files.writeString(unbuildable.resolve("unknown-endpoint.camel.yaml"), """
                - route:
                    id: mine
                    from:
                      uri: direct:mine
                      steps:
                        - to:
                            uri: nosuchcomponent:foo
                """);

        assertOneLineNamingFile(failToStart(Map.of("BRIDGE_ROUTES_DIR", unparsable.toString())),
                unparsable.resolve("broken.camel.yaml") + ": ", "line 7");
        assertOneLineNamingFile(failToStart(Map.of("BRIDGE_ROUTES_DIR", unbuildable.toString())),
                unbuildable.resolve("unknown-endpoint.camel.yaml") + ": route mine does not build", "nosuchcomponent");
        assertOneLineNaming(failToStart(Map.of("BRIDGE_ROUTES_DIR", unbuildable.resolve("missing").toString())), "BRIDGE_ROUTES_DIR",
                "is not a directory");
    }

    @Test
    void aTemplateThatDoesNotCompileStopsStartupNamingTheFile() throws Exception {
        Path templates = Files.createTempDirectory("bridge-templates");
        Files.writeString(templates.resolve("issue-title.mustache"), "[{{level}}] {{#headline}}never closed");

        assertOneLineNamingFile(failToStart(Map.of("BRIDGE_TEMPLATES_DIR", templates.toString())),
                templates.resolve("issue-title.mustache") + ": the template does not compile", "headline");
    }

    private static void assertOneLineNamingFile(String output, String file, String problem) {
        List<String> naming = output.lines().filter(line -> line.contains(file) && line.contains("APPLICATION FAILED TO START")).toList();
        assertThat(naming).as(output).hasSize(1);
        assertThat(naming.get(0)).contains(problem);
        assertThat(output).as("no stack trace").doesNotContain("\tat ", "\\tat ", "Exception in thread", "Caused by");
    }

    private static void assertOneLineNaming(String output, String variable, String problem) {
        List<String> naming = output.lines().filter(line -> line.contains(variable) && line.contains("for example")).toList();
        assertThat(naming).as(output).hasSize(1);
        assertThat(naming.get(0)).contains(problem);
        assertThat(output).as("no stack trace").doesNotContain("\tat ", "\\tat ", "Exception in thread", "Caused by");
    }

    private static String failToStart(Map<String, String> settings) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bridge-bad-setting", ".log");
        ProcessBuilder builder = new ProcessBuilder(BridgeProcess.command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(BridgeProcess.freePort()));
        builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(BridgeProcess.freePort()));
        builder.environment().put("BRIDGE_DATA_DIR", Files.createTempDirectory("bridge-bad-setting").toString());
        builder.environment().remove("SENTRY_DSN");
        builder.environment().putAll(settings);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(process.exitValue()).isNotZero();
            return Files.readString(log);
        } finally {
            process.destroyForcibly();
        }
    }
}
