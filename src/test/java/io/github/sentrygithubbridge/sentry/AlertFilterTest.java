package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    static SentryAlert alert(SentryAlert.Kind kind, Level level, String environment) {
        return new SentryAlert("event_alert", "triggered", kind, "42", "42", null, level, "t", null, null, null,
                null, environment, null, null, null, null, null, null, List.of(), List.of(), Map.of(), null, null);
    }

    final AlertFilter filter = new AlertFilter(new FilterProperties("warning", "production, prod"));

    @Test
    void filesAlertsAtOrAboveTheMinimumInAWatchedEnvironment() {
        assertThat(filter.reasonToIgnore(alert(SentryAlert.Kind.EVENT, Level.WARNING, "production"), null)).isNull();
        assertThat(filter.reasonToIgnore(alert(SentryAlert.Kind.EVENT, Level.FATAL, "prod"), null)).isNull();
    }

    @Test
    void ignoresLowerLevelsAndSaysSo() {
        assertThat(filter.reasonToIgnore(alert(SentryAlert.Kind.EVENT, Level.INFO, "production"), null)).isEqualTo("level info is below warning");
    }

    @Test
    void ignoresOtherEnvironmentsButNotAlertsWithoutOne() {
        assertThat(filter.reasonToIgnore(alert(SentryAlert.Kind.EVENT, Level.ERROR, "staging"), null)).contains("staging");
        assertThat(filter.reasonToIgnore(alert(SentryAlert.Kind.ISSUE, Level.ERROR, null), null)).isNull();
    }

    @Test
    void ignoresDeliveriesWithNothingToFile() {
        assertThat(filter.reasonToIgnore(new SentryAlert("installation", "created", SentryAlert.Kind.NONE, null, null, null,
                Level.ERROR, null, null, null, null, null, null, null, null, null, null, null, null, List.of(), List.of(),
                Map.of(), null, null), null)).isEqualTo("installation created has nothing to file");
    }

    @Test
    void filesEveryEnvironmentWhenNoneAreListed() {
        AlertFilter all = new AlertFilter(new FilterProperties("error", ""));
        assertThat(all.reasonToIgnore(alert(SentryAlert.Kind.EVENT, Level.ERROR, "staging"), null)).isNull();
    }

    @Test
    void refusesATypoInTheMinimumLevel() {
        assertThatThrownBy(() -> new FilterProperties("eror", "")).hasMessageContaining("BRIDGE_MIN_LEVEL");
    }
}
