package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A setting that can't work stops the bridge's start, and the line its start prints names the variable, says what is
 * wrong with the value and shows a good one. In-process, through the failure analyzers the jar's start uses;
 * BadSettingsIT shows the packaged jar printing that line alone, with no stack trace.
 */
class BadSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "BRIDGE_GITHUB_FIRST_RETRY_DELAY | PT0S          | must be a duration above zero",
            "BRIDGE_GITHUB_TIMEOUT           | PT0S          | must be a duration above zero",
            "BRIDGE_GITHUB_WRITE_INTERVAL    | PT0S          | must be a duration above zero",
            "BRIDGE_GITHUB_WRITE_INTERVAL    | -PT1S         | must be a duration above zero",
            "BRIDGE_GITHUB_MAX_RETRIES       | -1            | must be 0 or more",
            "BRIDGE_GITHUB_REDELIVERIES      | -1            | must be 0 or more",
            "BRIDGE_COOLDOWN                 | PT0S          | must be at least PT1S",
            "GITHUB_API_URL                  | http://       | must be an http(s) URL with a host",
    })
    void stopsWithOneLineNamingTheSettingAndAGoodValue(String variable, String value, String problem) throws IOException {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BridgeApplication.class)
                .properties(variable + "=" + value, "server.port=0", "management.server.port=0",
                        "bridge.data-dir=" + Files.createTempDirectory("bridge-bad-setting"))
                .run().close());

        assertThat(failure).as("the start stops").isNotNull();
        String line = StartupFailure.describe(failure);
        assertThat(line).startsWith(variable + "=").contains(problem).contains("for example " + variable + "=")
                .doesNotContain("\n");
    }
}
