package io.github.sentrygithubbridge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.sentry.Level;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every edge of docs/lifecycle.md for Sentry's deliveries, on plain values: no Spring, no store. */
class IssueStateMachineTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long NOW = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();

    private final IssueStateMachine machine = new IssueStateMachine(Duration.ofHours(6), Duration.ofDays(30));

    private static SentryAlert alert(SentryAlert.Kind kind) {
        return new SentryAlert("event_alert", "triggered", kind, "42", "42", "SHOP-1", Level.ERROR, "boom", null, null,
                null, null, "production", null, null, null, null, null, "shop", List.of(), List.of(), Map.of(), null, null);
    }

    private static final SentryAlert EVENT = alert(SentryAlert.Kind.EVENT);
    private static final SentryAlert ISSUE_DELIVERY = alert(SentryAlert.Kind.ISSUE);

    private static IssueRow row(IssueState state, long lastUpdateAt, Long closedAt) {
        return new IssueRow("42", state, state == IssueState.GONE ? null : 7L, state == IssueState.GONE ? 7L : null,
                closedAt == null ? null : "bridge", closedAt, null, lastUpdateAt, 3, lastUpdateAt, 5, null);
    }

    private static SentryStatus status(String change, String substatus) {
        return new SentryStatus(change, substatus, null, null, false, null, null);
    }

    // ---- alerts

    @Test
    void aFirstAlertOpensAnIssue() {
        Decision decision = machine.alert(EVENT, null, NOW, true, 0);
        assertThat(decision.transition()).isEqualTo(Transition.OPEN_ISSUE);
        assertThat(decision.version()).isNegative();
        assertThat(decision.httpStatus()).isEqualTo(202);
    }

    @Test
    void anOpenIssueCountsRepeatsUntilTheCooldownEnds() {
        Decision repeat = machine.alert(EVENT, row(IssueState.OPEN, NOW - HOUR, null), NOW, true, 0);
        assertThat(repeat.transition()).isEqualTo(Transition.REPEAT);
        assertThat(repeat.answer().outcome()).isEqualTo("duplicate");
        assertThat(repeat.httpStatus()).isEqualTo(200);
    }

    @Test
    void afterTheCooldownAnUpdateCarriesTheStoredAndTheUnflushedCounts() {
        Decision update = machine.alert(EVENT, row(IssueState.OPEN, NOW - 6 * HOUR, null), NOW, true, 10);
        assertThat(update.transition()).isEqualTo(Transition.UPDATE);
        assertThat(update.issue().events()).isEqualTo(3 + 10 + 1);
        assertThat(update.issue().since()).isEqualTo(Instant.ofEpochMilli(NOW - 6 * HOUR));
        assertThat(update.version()).isEqualTo(5);
    }

    @Test
    void anIssueDeliveryOrAPreviewNeverUpdates() {
        IssueRow cooled = row(IssueState.OPEN, NOW - 7 * HOUR, null);
        assertThat(machine.alert(ISSUE_DELIVERY, cooled, NOW, true, 0).transition()).isEqualTo(Transition.REPEAT);
        assertThat(machine.alert(EVENT, cooled, NOW, false, 0).transition()).isEqualTo(Transition.REPEAT);
        assertThat(IssueStateMachine.counts(ISSUE_DELIVERY, true)).isFalse();
        assertThat(IssueStateMachine.counts(EVENT, false)).isFalse();
        assertThat(IssueStateMachine.counts(EVENT, true)).isTrue();
    }

    @Test
    void aPendingCreationAndAnArchivedIssueOnlyCount() {
        assertThat(machine.alert(EVENT, row(IssueState.PENDING, NOW - DAY, null), NOW, true, 0).transition())
                .isEqualTo(Transition.REPEAT);
        assertThat(machine.alert(EVENT, row(IssueState.ARCHIVED, NOW - DAY, NOW - DAY), NOW, true, 0).transition())
                .isEqualTo(Transition.REPEAT);
    }

    @Test
    void anAlertSoonAfterACloseIsARegressionThatReopens() {
        Decision regress = machine.alert(EVENT, row(IssueState.RESOLVED, NOW - 2 * DAY, NOW - DAY), NOW, true, 0);
        assertThat(regress.transition()).isEqualTo(Transition.REGRESS);
        assertThat(regress.issue().regression()).isTrue();
        assertThat(regress.issue().number()).isEqualTo(7L);
        assertThat(regress.issue().events()).isEqualTo(4);
    }

    @Test
    void anAlertAfterTheReopenWindowOpensANewIssueThatNamesTheOld() {
        Decision reopenWindowOver = machine.alert(EVENT, row(IssueState.RESOLVED, NOW - 40 * DAY, NOW - 31 * DAY), NOW, true, 0);
        assertThat(reopenWindowOver.transition()).isEqualTo(Transition.OPEN_REGRESSION_ISSUE);
        assertThat(reopenWindowOver.issue().number()).isEqualTo(7L);
        assertThat(reopenWindowOver.opensIssue()).isTrue();
    }

    @Test
    void withoutAClosingTimeTheReopenWindowRunsFromTheLastUpdate() {
        IssueRow row = new IssueRow("42", IssueState.RESOLVED, 7L, null, "person", null, null, NOW - DAY, 0, null, 1, null);
        assertThat(machine.alert(EVENT, row, NOW, true, 0).transition()).isEqualTo(Transition.REGRESS);
    }

    @Test
    void anIssueDeliveryForAClosedIssueCarriesNoNewEvent() {
        Decision decision = machine.alert(ISSUE_DELIVERY, row(IssueState.RESOLVED, NOW - DAY, NOW - HOUR), NOW, true, 0);
        assertThat(decision.transition()).isEqualTo(Transition.REPEAT);
    }

    @Test
    void aHeldIssueIsLeftAlone() {
        Decision decision = machine.alert(EVENT, row(IssueState.HELD, NOW - DAY, NOW - DAY), NOW, true, 0);
        assertThat(decision.transition()).isEqualTo(Transition.IGNORE);
        assertThat(decision.answer().reason()).contains("not planned").contains("#7");
    }

    @Test
    void aGoneIssueOpensANewOneFollowingTheOld() {
        Decision decision = machine.alert(EVENT, row(IssueState.GONE, NOW - DAY, null), NOW, true, 0);
        assertThat(decision.transition()).isEqualTo(Transition.OPEN_ISSUE);
        assertThat(decision.issue().number()).isEqualTo(7L);
        assertThat(decision.version()).isEqualTo(5);
    }
    // ---- status changes

    @Test
    void nothingToCloseOrReopenForAnIssueNeverFiled() {
        Decision decision = machine.status(EVENT, null, status(SentryStatus.RESOLVED, null));
        assertThat(decision.transition()).isEqualTo(Transition.IGNORE);
        assertThat(decision.answer().reason()).contains("never filed").contains("close");
        assertThat(machine.status(EVENT, null, status(SentryStatus.UNRESOLVED, null)).answer().reason()).contains("reopen");
    }

    @Test
    void resolvedClosesAsCompletedOnce() {
        assertThat(machine.status(EVENT, row(IssueState.OPEN, NOW, null), status(SentryStatus.RESOLVED, null)).transition())
                .isEqualTo(Transition.RESOLVE);
        assertThat(machine.status(EVENT, row(IssueState.ARCHIVED, NOW, NOW), status(SentryStatus.RESOLVED, null)).transition())
                .isEqualTo(Transition.RESOLVE);
        assertThat(machine.status(EVENT, row(IssueState.RESOLVED, NOW, NOW), status(SentryStatus.RESOLVED, null)).transition())
                .isEqualTo(Transition.IGNORE);
    }

    @Test
    void archivedClosesAsNotPlannedOnce() {
        assertThat(machine.status(EVENT, row(IssueState.PENDING, NOW, null), status(SentryStatus.ARCHIVED, null)).transition())
                .isEqualTo(Transition.ARCHIVE);
        assertThat(machine.status(EVENT, row(IssueState.ARCHIVED, NOW, NOW), status(SentryStatus.ARCHIVED, null)).transition())
                .isEqualTo(Transition.IGNORE);
    }

    @Test
    void unresolvedReopensAClosedIssueAndMarksARegression() {
        Decision reopen = machine.status(EVENT, row(IssueState.RESOLVED, NOW, NOW), status(SentryStatus.UNRESOLVED, "regressed"));
        assertThat(reopen.transition()).isEqualTo(Transition.UNRESOLVE);
        assertThat(reopen.issue().regression()).isTrue();
        assertThat(machine.status(EVENT, row(IssueState.ARCHIVED, NOW, NOW), status(SentryStatus.UNRESOLVED, "ongoing")).issue().regression())
                .isFalse();
        assertThat(machine.status(EVENT, row(IssueState.OPEN, NOW, null), status(SentryStatus.UNRESOLVED, null)).transition())
                .isEqualTo(Transition.IGNORE);
    }

    @Test
    void aHeldOrGoneIssueTakesNoStatus() {
        assertThat(machine.status(EVENT, row(IssueState.HELD, NOW, NOW), status(SentryStatus.UNRESOLVED, null)).transition())
                .isEqualTo(Transition.IGNORE);
        Decision gone = machine.status(EVENT, row(IssueState.GONE, NOW, null), status(SentryStatus.RESOLVED, null));
        assertThat(gone.transition()).isEqualTo(Transition.IGNORE);
        assertThat(gone.answer().reason()).contains("the next alert opens one");
    }
}
