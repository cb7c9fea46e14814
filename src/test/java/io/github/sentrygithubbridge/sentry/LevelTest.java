package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelTest {

    @Test
    void ordersLevelsFromSampleToFatalAsSentryDoes() {
        List<Level> shuffled = List.of(Level.FATAL, Level.INFO, Level.SAMPLE, Level.ERROR, Level.DEBUG, Level.WARNING);

        assertThat(shuffled.stream().sorted()).containsExactly(
                Level.SAMPLE, Level.DEBUG, Level.INFO, Level.WARNING, Level.ERROR, Level.FATAL);
        assertThat(Level.WARNING).isLessThan(Level.ERROR);
        assertThat(Level.FATAL).isGreaterThan(Level.ERROR);
    }

    @Test
    void readsAMissingLevelAsSentrysDefaultError() {
        assertThat(Stream.of(null, "", "   ").map(Level::parse)).containsOnly(Level.ERROR);
    }

    @Test
    void readsAnUnknownLevelAsErrorSoThatItIsNotHidden() {
        assertThat(Level.parse("severe-ish")).isEqualTo(Level.ERROR);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "sample,    SAMPLE",
            "debug,     DEBUG",
            "info,      INFO",
            "log,       INFO",
            "warning,   WARNING",
            "warn,      WARNING",
            "WARN,      WARNING",
            "' warning ', WARNING",
            "error,     ERROR",
            "Error,     ERROR",
            "fatal,     FATAL",
            "Fatal,     FATAL",
            "critical,  FATAL"})
    void readsTheSpellingsSentryAndItsSdksUse(String text, Level expected) {
        assertThat(Level.parse(text)).isEqualTo(expected);
    }

    @Test
    void labelsLevelsInLowerCase() {
        assertThat(Level.WARNING.label()).isEqualTo("warning");
    }

    @Test
    void readsTheSettingStrictly() {
        assertThat(Level.parseSetting(" Warning ")).isEqualTo(Level.WARNING);
        assertThatThrownBy(() -> Level.parseSetting("warn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BRIDGE_MIN_LEVEL").hasMessageContaining("BRIDGE_MIN_LEVEL=warn: must be one of");
        assertThatThrownBy(() -> Level.parseSetting(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
