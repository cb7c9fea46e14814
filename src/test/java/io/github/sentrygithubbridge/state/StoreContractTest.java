package io.github.sentrygithubbridge.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.github.sentrygithubbridge.github.GitHubProperties;
import io.github.sentrygithubbridge.github.GitHubRequests;
import io.github.sentrygithubbridge.github.IssueRenderer;
import io.github.sentrygithubbridge.github.OutgoingSecrets;
import io.github.sentrygithubbridge.lifecycle.Decision;
import io.github.sentrygithubbridge.lifecycle.GitHubIssue;
import io.github.sentrygithubbridge.lifecycle.LifecycleProperties;
import io.github.sentrygithubbridge.lifecycle.SentryIssueLifecycle;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlertNormaliser;
import io.github.sentrygithubbridge.sentry.SentryApiProperties;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import io.github.sentrygithubbridge.support.TestPostgres;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the routes rely on from the store, on SQLite and on a real PostgreSQL: an atomic claim under racing
 * deliveries, one lease per write between replicas, a dead replica's write taken over, and dead letters
 * that replay.
 */
class StoreContractTest {

    static final TestPostgres POSTGRES = TestPostgres.start();
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @AfterAll
    static void stopPostgres() {
        POSTGRES.close();
    }

    static final String NEW = "OPEN_ISSUE";
    static final String COMMENT = "UPDATE";
    static final String REPEAT = "REPEAT";

    /** One replica's view of a store: its own pool, beans and replica id. */
    record Replica(SentryIssueLifecycle issues, GitHubRequests requests, PendingWrites writes, DeadLetters deadLetters,
                   JdbcTemplate jdbc, TransactionTemplate transaction) {

        /**
         * What the claim-sentry-issue route does with an alert: a known Sentry issue to the cooldown, a new one
         * opened; then render, and keep in a transaction while there is a write to keep. The edge taken.
         */
        String accept(SentryAlert alert) {
            Decision decision = decide(alert);
            while (decision.pending()) {
                decision = keep(decision, alert);
            }
            return decision.transition().name();
        }

        Decision decide(SentryAlert alert) {
            return issues.isKnown(alert.key()) ? issues.cooldown(alert) : issues.firstAlert(alert);
        }

        /** The keep-write step in its transacted block. */
        Decision keep(Decision decision, SentryAlert alert) {
            Object request = requests.render(decision, alert, null, null);
            return transaction.execute(tx -> issues.keep(decision, alert, null, request));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void racingDeliveriesOnTwoReplicasClaimTheSentryIssueOnce(String kind) throws Exception {
        StoreProperties store = store(kind, "a");
        Replica a = replica(store);
        Replica b = replica(withReplica(store, "b"));
        SentryAlert alert = alert("8101");

        List<Callable<String>> deliveries = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Replica to = i % 2 == 0 ? a : b;
            deliveries.add(() -> to.accept(alert));
        }
        List<String> decisions = run(deliveries);

        assertThat(decisions).filteredOn(NEW::equals).hasSize(1);
        assertThat(decisions).filteredOn(REPEAT::equals).hasSize(31);
        assertThat(a.writes().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void eachWriteIsLeasedByOneReplicaAndADeadReplicasWriteIsTakenOver(String kind) throws Exception {
        StoreProperties store = store(kind, "a");
        Replica a = replica(store);
        Replica b = replica(withReplica(store, "b"));
        for (int i = 0; i < 20; i++) {
            a.accept(alert(Integer.toString(8200 + i)));
        }

        List<Callable<PendingWrites.PendingWrite>> leases = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Replica by = i % 2 == 0 ? a : b;
            leases.add(() -> by.writes().lease(true));
        }
        List<Long> leased = run(leases).stream().filter(w -> w != null).map(PendingWrites.PendingWrite::id).toList();
        assertThat(leased).hasSize(20).doesNotHaveDuplicates();
        assertThat(a.writes().lease(true)).as("all leased").isNull();

        // replica a dies holding its leases: once they run out, b takes them over
        a.jdbc().update("UPDATE pending_write SET lease_until = 0 WHERE lease_owner = 'a'");
        PendingWrites.PendingWrite takenOver = b.writes().lease(true);
        assertThat(takenOver).isNotNull();
        // and a restarted a gets back at once what it held
        assertThat(replica(store).writes().releaseOwnLeases()).isGreaterThan(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void creationsWaitUntilGitHubIsReadAndAFiledIssueKeepsItsNumber(String kind) {
        Replica a = replica(store(kind, "a"));
        a.accept(alert("8301"));

        assertThat(a.writes().lease(false)).isNull();
        assertThat(a.jdbc().queryForObject("SELECT attempts FROM pending_write", Integer.class)).as("nothing leased, nothing tried").isZero();
        // newest first, as GitHub lists them: the newest is the Sentry issue's issue
        a.issues().foundOnGitHub("o/r", List.of(found("8301", 99, "2026-11-02T00:00:00Z"), found("8301", 77, "2026-11-01T00:00:00Z")));

        assertThat(a.issues().isFiled("8301")).isTrue();
        assertThat(a.issues().numberOf("8301")).isEqualTo(99L);
        PendingWrites.PendingWrite leased = a.writes().lease(true);
        assertThat(leased.attempts()).as("sends, this one included").isEqualTo(1);
        assertThat(a.jdbc().queryForObject("SELECT attempts FROM pending_write", Integer.class)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void repeatsCountedOnEveryReplicaReachTheCommentAfterTheCooldown(String kind) {
        StoreProperties store = store(kind, "a");
        Replica a = replica(store);
        Replica b = replica(withReplica(store, "b"));
        a.accept(alert("8351"));
        a.jdbc().update("UPDATE sentry_issue SET state = 'open', github_issue_number = 5");
        a.jdbc().update("DELETE FROM pending_write");

        assertThat(List.of(a.accept(alert("8351")), b.accept(alert("8351")), b.accept(alert("8351"))))
                .containsOnly(REPEAT);
        assertThat(a.writes().count()).as("a repeat inside the cooldown queues nothing").isZero();
        a.issues().flushRepeatCounts();
        b.issues().flushRepeatCounts();
        a.jdbc().update("UPDATE sentry_issue SET last_update_at = 0");

        assertThat(b.accept(alert("8351"))).isEqualTo(COMMENT);
        assertThat(a.accept(alert("8351"))).as("one comment per cooldown").isEqualTo(REPEAT);
        assertThat(a.jdbc().queryForObject("SELECT request FROM pending_write", String.class)).contains("4 more event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aRepeatIsAnsweredFromMemoryUntilTheBridgeChangesTheSentryIssuesState(String kind) {
        Replica a = replica(store(kind, "a"), Duration.ofMinutes(1));
        assertThat(a.accept(alert("8361"))).isEqualTo(NEW);
        assertThat(a.accept(alert("8361"))).isEqualTo(REPEAT);

        // the row goes behind the bridge's back: a repeat that read the store would open a new issue
        a.jdbc().update("DELETE FROM sentry_issue WHERE sentry_issue_key = '8361'");
        assertThat(a.accept(alert("8361"))).as("answered from memory, no store read").isEqualTo(REPEAT);

        // any change the bridge makes to sentry_issue (here the repeat counts going in) ends what memory holds
        a.issues().flushRepeatCounts();
        assertThat(a.accept(alert("8361"))).as("read from the store again").isEqualTo(NEW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void anotherReplicasChangeIsSeenOnceTheRepeatCacheTtlHasPassed(String kind) {
        StoreProperties store = store(kind, "a");
        Replica a = replica(store, Duration.ofMillis(300));
        Replica b = replica(withReplica(store, "b"));
        assertThat(a.accept(alert("8371"))).isEqualTo(NEW);
        assertThat(a.accept(alert("8371"))).isEqualTo(REPEAT);

        // b closes the issue as completed: a still counts repeats for at most the TTL, then reopens it
        b.jdbc().update("UPDATE sentry_issue SET state = 'resolved', github_issue_number = 7, closed_by = 'bridge', closed_at = ?, "
                + "version = version + 1 WHERE sentry_issue_key = '8371'", System.currentTimeMillis());
        long changed = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> a.accept(alert("8371")).equals("REGRESS"));
        assertThat(Duration.ofNanos(System.nanoTime() - changed)).as("seen no later than the TTL after it was read")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(a.issues().describe("8371").state()).isEqualTo("open");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aDeadLetteredCreationReleasesItsClaimAndReplaysOnce(String kind) {
        Replica a = replica(store(kind, "a"));
        a.accept(alert("8401"));
        PendingWrites.PendingWrite write = a.writes().lease(true);

        a.issues().givenUp("8401", write.action());
        a.deadLetters().keep(write.id(), new IllegalStateException("GitHub answered 422"));

        assertThat(a.writes().count()).isZero();
        assertThat(a.deadLetters().list()).singleElement().satisfies(letter -> {
            assertThat(letter.sentryIssueId()).isEqualTo("8401");
            assertThat(letter.error()).contains("GitHub answered 422");
        });
        assertThat(a.issues().numberOf("8401")).isNull();
        DeadLetters.Replayed replayed = a.deadLetters().replay(null);
        assertThat(replayed.replayed()).isEqualTo(1);
        a.issues().reclaim(replayed.creations());
        assertThat(a.deadLetters().replay(null).replayed()).isZero();
        assertThat(a.writes().count()).isEqualTo(1);
        // claimed again by the replay: a new alert is a repeat, not a second issue
        assertThat(a.accept(alert("8401"))).isEqualTo(REPEAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aSentryIssuesWritesAreLeasedInTheOrderTheyWereAcceptedUnderRacingLeasesAndRetries(String kind) throws Exception {
        StoreProperties store = store(kind, "a");
        Replica a = replica(store);
        Replica b = replica(withReplica(store, "b"));
        // five writes for each of four Sentry issues, interleaved as deliveries would be
        for (int n = 0; n < 5; n++) {
            for (int issue = 0; issue < 4; issue++) {
                a.writes().add("86" + issue, "86" + issue, n % 2 == 0 ? WriteAction.CLOSE : WriteAction.REOPEN, java.util.Map.of("n", n));
            }
        }
        List<String> done = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
        List<Callable<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < 6; lane++) {
            Replica by = lane % 2 == 0 ? a : b;
            lanes.add(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (a.writes().count() > 0 && System.nanoTime() < until) {
                    PendingWrites.PendingWrite write = by.writes().lease(true);
                    if (write == null) {
                        continue;
                    }
                    // every third first try fails and goes back, due again at once
                    if (write.attempts() == 1 && write.id() % 3 == 0) {
                        retried.incrementAndGet();
                        by.writes().retryLater(write.id(), Duration.ZERO, false);
                        continue;
                    }
                    done.add(write.key() + ":" + JSON.readTree(write.request()).path("n").asInt());
                    by.writes().done(write.id());
                }
                return null;
            });
        }
        run(lanes);

        assertThat(retried.get()).isPositive();
        assertThat(done).hasSize(20);
        for (int issue = 0; issue < 4; issue++) {
            String key = "86" + issue;
            assertThat(done).filteredOn(d -> d.startsWith(key + ":")).as("writes of %s", key)
                    .containsExactly(key + ":0", key + ":1", key + ":2", key + ":3", key + ":4");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aDeliveryDecidedBeforeTheFirstReadOfGitHubFiledItsIssueIsDecidedAgain(String kind) {
        Replica a = replica(store(kind, "a"));
        SentryAlert alert = alert("8801");
        Decision decided = a.decide(alert);
        // meanwhile the first read of GitHub finds the issue, opened long ago
        a.issues().foundOnGitHub("o/r", List.of(found("8801", 5, "2026-01-01T00:00:00Z")));

        Decision again = a.keep(decided, alert);

        assertThat(decided.transition().name()).isEqualTo(NEW);
        assertThat(again.transition().name()).as("decided again: the cooldown is long over").isEqualTo(COMMENT);
        assertThat(again.pending()).as("its write is rendered anew").isTrue();
        assertThat(a.writes().count()).isZero();
        Decision kept = a.keep(again, alert);
        assertThat(kept.kept()).isTrue();
        assertThat(a.jdbc().queryForObject("SELECT action FROM pending_write", String.class)).isEqualTo("comment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aStoreWrittenByTheFirstReleaseUpgradesInPlaceAndKeepsItsIssues(String kind) {
        StoreProperties store = store(kind, "a");
        HikariDataSource pool = (HikariDataSource) new StoreConfiguration().dataSource(store);
        pools.add(pool);
        String vendor = store.embedded() ? "sqlite" : "postgresql";
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + vendor).target("1").load().migrate();
        JdbcTemplate v1 = new JdbcTemplate(pool);
        v1.update("INSERT INTO sentry_issue (sentry_issue_key, state, github_issue_number, last_update_at) VALUES ('8701', 'filed', 41, ?)",
                System.currentTimeMillis());
        v1.update("INSERT INTO sentry_issue (sentry_issue_key, state, last_update_at) VALUES ('8702', 'pending', 6)");
        v1.update("INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at) "
                + "VALUES ('8702', '8702', 'create', '{\"title\":\"t\",\"body\":\"b\",\"labels\":[]}', 6)");
        v1.update("INSERT INTO pending_write (sentry_issue_key, sentry_issue_id, action, request, accepted_at) "
                + "VALUES ('8701', '8701', 'comment', '{\"body\":\"c\"}', 7)");
        long lastId = v1.queryForObject("SELECT MAX(id) FROM pending_write", Long.class);
        v1.update("DELETE FROM pending_write WHERE id = ?", lastId);

        Replica upgraded = replica(store);

        assertThat(upgraded.issues().numberOf("8701")).isEqualTo(41L);
        assertThat(upgraded.jdbc().queryForObject("SELECT state FROM sentry_issue WHERE sentry_issue_key = '8701'", String.class)).isEqualTo("open");
        assertThat(upgraded.jdbc().queryForObject("SELECT state FROM sentry_issue WHERE sentry_issue_key = '8702'", String.class)).isEqualTo("pending");
        PendingWrites.PendingWrite kept = upgraded.writes().lease(true);
        assertThat(kept.action()).isEqualTo("create");
        assertThat(upgraded.accept(alert("8701"))).as("filed before the upgrade, in its cooldown: a repeat").isEqualTo(REPEAT);
        // ids are never reused: a comment on GitHub carries its write's id
        upgraded.writes().add("8703", "8703", WriteAction.COMMENT, java.util.Map.of("body", "d"));
        assertThat(upgraded.jdbc().queryForObject("SELECT MAX(id) FROM pending_write", Long.class)).isGreaterThan(lastId);
    }

    private StoreProperties store(String kind, String replica) {
        try {
            return kind.equals("embedded")
                    ? new StoreProperties("embedded", Files.createTempDirectory("bridge-store"), null, null, null, replica, Duration.ofMinutes(2))
                    : new StoreProperties("postgres", null, POSTGRES.newDatabase(), "postgres", null, replica, Duration.ofMinutes(2));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static StoreProperties withReplica(StoreProperties store, String replica) {
        return new StoreProperties(store.kind(), store.dataDir(), store.dbUrl(), store.dbUser(), store.dbPassword(), replica, store.lease());
    }

    private Replica replica(StoreProperties store) {
        return replica(store, Duration.ZERO);
    }

    private Replica replica(StoreProperties store, Duration repeatCacheTtl) {
        HikariDataSource pool = (HikariDataSource) new StoreConfiguration().dataSource(store);
        pools.add(pool);
        String vendor = store.embedded() ? "sqlite" : "postgresql";
        Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + vendor).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
        GitHubProperties github = new GitHubProperties("t", "o/r", "https://api.github.com", "agent:builder",
                Duration.ofSeconds(1), 20, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null);
        StoreFile file = new StoreFile(store, pool);
        try {
            file.remember();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        PendingWrites writes = new PendingWrites(jdbc, JSON, store, file);
        LifecycleProperties lifecycle = new LifecycleProperties(Duration.ofHours(6), Duration.ofDays(30), "regression", repeatCacheTtl);
        SentryIssueLifecycle issues = new SentryIssueLifecycle(new io.github.sentrygithubbridge.lifecycle.SentryIssueRows(jdbc), transaction, writes, lifecycle,
                new SentryApiProperties(null, null, null), Clock.systemUTC(), "o/r");
        return new Replica(issues, new GitHubRequests(new IssueRenderer(), JSON, github, lifecycle, new OutgoingSecrets(new org.springframework.mock.env.MockEnvironment())), writes,
                new DeadLetters(jdbc, transaction, writes), jdbc, transaction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void anIssueThatFollowsTheKnownOneInAnotherRepositoryTakesItsPlace(String kind) {
        Replica a = replica(store(kind, "a"));
        // a wiped store reads GITHUB_REPOSITORY first: the old, closed issue; then the regression in another repository
        a.issues().foundOnGitHub("o/r", List.of(new GitHubIssue(10, "closed", "completed", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-10-01T00:00:00Z"), "8901", List.of(), false, null)));
        a.issues().foundOnGitHub("o/other", List.of(new GitHubIssue(3, "open", null, null, Instant.parse("2026-11-02T00:00:00Z"),
                "8901", List.of(), false, 10L), found("8901", 2, "2026-09-01T00:00:00Z")));

        assertThat(a.issues().numberOf("8901")).isEqualTo(3L);
        assertThat(a.issues().repositoryOf("8901")).isEqualTo("o/other");
        assertThat(a.issues().describe("8901").state()).isEqualTo("open");

        // a regression queued for another repository, its creation sent before: the issue that follows #500 is it,
        // though 3 < 500 (the numbers of two repositories)
        a.jdbc().update("INSERT INTO sentry_issue (sentry_issue_key, state, previous_issue_number, last_update_at) VALUES ('8902', 'pending', 500, 0)");
        a.issues().foundOnGitHub("o/other", List.of(new GitHubIssue(3, "open", null, null, Instant.parse("2026-11-02T00:00:00Z"),
                "8902", List.of(), false, 500L)));
        assertThat(a.issues().numberOf("8902")).isEqualTo(3L);
        assertThat(a.issues().repositoryOf("8902")).isEqualTo("o/other");
    }

    private static GitHubIssue found(String key, long number, String createdAt) {
        return new GitHubIssue(number, "open", null, null, Instant.parse(createdAt), key, List.of(), false, null);
    }

    private static SentryAlert alert(String id) {
        try {
            return new SentryAlertNormaliser().normalise("event_alert", JSON.readTree(SentryDeliveries.eventAlert(id)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> List<T> run(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
