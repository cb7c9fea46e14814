package io.github.sentrygithubbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Durations are read one way everywhere: Spring's binding and the routes' {{millis:…}} take PT1S and 1s alike. */
class SettingsTest {

    @Test
    void readsIsoAndShortDurationsAlike() {
        assertThat(Settings.duration("BRIDGE_GITHUB_WRITE_INTERVAL", "PT1S", "PT1S")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Settings.duration("BRIDGE_GITHUB_WRITE_INTERVAL", "1s", "PT1S")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Settings.duration("BRIDGE_GITHUB_WRITE_INTERVAL", "250ms", "PT1S")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theRoutesMillisFunctionTakesTheSameDurationsAsTheSettings() {
        MillisPropertiesFunction millis = new MillisPropertiesFunction(new MockEnvironment()
                .withProperty("github.write-interval", "1s").withProperty("github.creation-window", "PT1M"));

        assertThat(millis.apply("github.write-interval")).isEqualTo("1000");
        assertThat(millis.apply("github.creation-window")).isEqualTo("60000");
    }

    @Test
    void namesTheVariableTheProblemAndAGoodValue() {
        assertThatThrownBy(() -> Settings.duration("BRIDGE_GITHUB_TIMEOUT", "soon", "PT30S"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("BRIDGE_GITHUB_TIMEOUT=soon: is not a duration; for example BRIDGE_GITHUB_TIMEOUT=PT30S");
        assertThatThrownBy(() -> Settings.positive("BRIDGE_GITHUB_TIMEOUT", Duration.ofSeconds(-1), "PT30S"))
                .hasMessage("BRIDGE_GITHUB_TIMEOUT=PT-1S: must be a duration above zero; for example BRIDGE_GITHUB_TIMEOUT=PT30S");
    }
}
