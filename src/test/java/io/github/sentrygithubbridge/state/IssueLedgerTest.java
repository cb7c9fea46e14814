package io.github.sentrygithubbridge.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.sentry.Level;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.state.IssueLedger.CommentDue;
import io.github.sentrygithubbridge.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IssueLedgerTest {

    final MutableClock clock = new MutableClock();
    final IssueLedger ledger = new IssueLedger(new TrackingProperties(Duration.ofHours(6), 1000, Duration.ofDays(30)), clock);

    static SentryAlert alert(SentryAlert.Kind kind) {
        return new SentryAlert("event_alert", "triggered", kind, "42", "42", null, Level.ERROR, "t", null, null, null,
                null, null, null, null, null, null, null, null, List.of(), List.of(), Map.of(), null, null);
    }

    @Test
    void countsRepeatsInsideTheCooldownWithoutAComment() {
        ledger.opened("42");
        assertThat(ledger.repeat("42", alert(SentryAlert.Kind.EVENT))).isNull();
        clock.advance(Duration.ofHours(5));
        assertThat(ledger.repeat("42", alert(SentryAlert.Kind.EVENT))).isNull();
    }

    @Test
    void makesOneCommentDueAfterTheCooldownWithEveryEventCounted() {
        Instant opened = clock.instant();
        ledger.opened("42");
        ledger.repeat("42", alert(SentryAlert.Kind.EVENT));
        ledger.repeat("42", alert(SentryAlert.Kind.EVENT));
        clock.advance(Duration.ofHours(6));

        CommentDue due = ledger.repeat("42", alert(SentryAlert.Kind.EVENT));

        assertThat(due).isEqualTo(new CommentDue(3, opened));
        // a new cooldown starts with the comment
        assertThat(ledger.repeat("42", alert(SentryAlert.Kind.EVENT))).isNull();
    }

    @Test
    void doesNotCountAnIssueDeliveryAsAnEvent() {
        ledger.opened("42");
        ledger.repeat("42", alert(SentryAlert.Kind.ISSUE));
        clock.advance(Duration.ofHours(7));
        assertThat(ledger.repeat("42", alert(SentryAlert.Kind.ISSUE))).isNull();
        assertThat(ledger.repeat("42", alert(SentryAlert.Kind.EVENT))).isEqualTo(new CommentDue(1, clock.instant().minus(Duration.ofHours(7))));
    }

    @Test
    void remembersTheGitHubNumberAndForgetsOnRelease() {
        ledger.opened("42");
        assertThat(ledger.numberOf("42")).isNull();
        ledger.filed("42", 7);
        assertThat(ledger.numberOf("42")).isEqualTo(7);
        ledger.forget("42");
        assertThat(ledger.numberOf("42")).isNull();
    }

    @Test
    void makesExactlyOneCommentDueWhenManyRepeatsRaceAfterTheCooldown() throws InterruptedException {
        ledger.opened("42");
        clock.advance(Duration.ofHours(7));
        AtomicInteger due = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                if (ledger.repeat("42", alert(SentryAlert.Kind.EVENT)) != null) {
                    due.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(due).hasValue(1);
    }
}
