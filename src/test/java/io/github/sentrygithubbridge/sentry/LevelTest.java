package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void ordersLevelsAsSentryDoes() {
        assertThat(Level.values()).containsExactly(Level.SAMPLE, Level.DEBUG, Level.INFO, Level.WARNING, Level.ERROR, Level.FATAL);
        assertThat(Level.WARNING).isLessThan(Level.ERROR);
    }

    @Test
    void readsMissingAndUnknownLevelsAsError() {
        assertThat(Level.parse(null)).isEqualTo(Level.ERROR);
        assertThat(Level.parse("")).isEqualTo(Level.ERROR);
        assertThat(Level.parse("severe-ish")).isEqualTo(Level.ERROR);
    }

    @Test
    void readsTheSpellingsSdksUse() {
        assertThat(Level.parse("WARN")).isEqualTo(Level.WARNING);
        assertThat(Level.parse(" warning ")).isEqualTo(Level.WARNING);
        assertThat(Level.parse("critical")).isEqualTo(Level.FATAL);
        assertThat(Level.parse("Fatal")).isEqualTo(Level.FATAL);
        assertThat(Level.parse("sample")).isEqualTo(Level.SAMPLE);
        assertThat(Level.parse("debug")).isEqualTo(Level.DEBUG);
        assertThat(Level.parse("info")).isEqualTo(Level.INFO);
    }

    @Test
    void readsTheSettingStrictly() {
        assertThat(Level.parseSetting("Warning")).isEqualTo(Level.WARNING);
        assertThatThrownBy(() -> Level.parseSetting("warn")).hasMessageContaining("BRIDGE_MIN_LEVEL");
    }
}
