package io.github.sentrygithubbridge.lifecycle;

import static io.github.sentrygithubbridge.state.StoreUnavailableException.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryApiProperties;
import io.github.sentrygithubbridge.sentry.SentryStatus;
import io.github.sentrygithubbridge.sentry.SentryStatusUpdate;
import io.github.sentrygithubbridge.state.PendingWrites;
import io.github.sentrygithubbridge.state.WriteAction;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each Sentry issue's GitHub issue through every transition of docs/lifecycle.md: decided by
 * {@link IssueStateMachine}, kept in {@code sentry_issue} by {@link SentryIssueRows} (its SQL), with a near-cache of
 * rows for repeats that every change through here ends. The claim route asks whether the Sentry
 * issue is known ({@link #isKnown}, through {@link SentryIssueStore}), decides on its state ({@link #firstAlert},
 * {@link #cooldown}, {@link #resolve}, {@link #archive}, {@link #unresolve}), renders the write, then keeps the
 * transition with the write in its transaction ({@link #keep}) — only if the state is still the one decided on.
 * GitHub's side (its webhook, the write lane's read) comes in through {@link #closedOnGitHub}, {@link #reopenedOnGitHub}, {@link #goneFromGitHub} and {@link #reconcile}.
 */
@Component("sentryIssueLifecycle")
public class SentryIssueLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SentryIssueLifecycle.class);
    /** GITHUB_REPOSITORY: the repository of the rows whose github_repository is NULL. */
    private final String defaultRepository;

    private final SentryIssueRows rows;
    private final TransactionTemplate transaction;
    private final PendingWrites writes;
    private final LifecycleProperties settings;
    private final SentryApiProperties mirror;
    private final Clock clock;
    private final IssueStateMachine machine;
    private final RepeatCounter repeats = new RepeatCounter();
    /**
     * The near-cache of repeats: rows as last read, each with the generation it was read in. Every change this
     * class makes to sentry_issue starts a new generation once committed, which ends every earlier entry; the TTL
     * bounds how long another replica's change goes unseen. Only a repeat is answered from it: anything that would
     * write reads the store again.
     */
    private final Cache<String, CachedRow> recentRows;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger changing = new AtomicInteger();

    private record CachedRow(IssueRow row, long generation) {
    }

    public SentryIssueLifecycle(SentryIssueRows rows, TransactionTemplate transaction, PendingWrites writes,
                                LifecycleProperties settings, SentryApiProperties mirror, Clock clock,
                                @org.springframework.beans.factory.annotation.Value("${github.repository:}") String defaultRepository) {
        this.defaultRepository = defaultRepository == null ? "" : defaultRepository;
        this.rows = rows;
        this.transaction = transaction;
        this.writes = writes;
        this.settings = settings;
        this.mirror = mirror;
        this.clock = clock;
        this.machine = new IssueStateMachine(settings.cooldown(), settings.reopenWindow());
        this.recentRows = settings.repeatCacheTtl().isZero() ? null
                : Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.repeatCacheTtl()).build();
    }

    // ---- Sentry's side: deliveries -------------------------------------------------------------------------

    /**
     * Whether the store has a row for the Sentry issue (the idempotent consumer's question). A row read since the
     * last change answers from memory; otherwise the store is read, without a lock, and the row kept for the
     * cooldown's decision. The row itself is claimed by {@link #keep}, with the creation, in one transaction.
     */
    public boolean isKnown(String key) {
        return cachedRow(key) != null || guard(() -> readAndRemember(key) != null);
    }

    /** Forgets the row as last read, so that the next delivery reads the store. */
    public void forget(String key) {
        if (recentRows != null) {
            recentRows.invalidate(key);
        }
    }

    /** An alert for a Sentry issue the store has no row of: a GitHub issue is to be opened. */
    public Decision firstAlert(@ExchangeProperty("sentryAlert") SentryAlert alert) {
        return NewSentryIssue.decide(alert, null);
    }

    /**
     * An alert for a known Sentry issue, on its state now: counted in memory inside the cooldown (nothing to sync to
     * disk), an update comment after it, a reopen or a new issue after a close.
     */
    public Decision cooldown(@ExchangeProperty("sentryAlert") SentryAlert alert) {
        Decision repeat = repeatFromCache(alert);
        if (repeat != null) {
            return repeat;
        }
        return guard(() -> decideAlert(alert, readAndRemember(alert.key()), clock.millis(), true));
    }

    /** Resolved in Sentry: close the GitHub issue as completed. */
    public Decision resolve(@ExchangeProperty("sentryAlert") SentryAlert alert, @ExchangeProperty("sentryStatus") SentryStatus status) {
        return guard(() -> machine.resolved(alert, row(alert.key()), status));
    }

    /** Archived in Sentry: close the GitHub issue as not planned. */
    public Decision archive(@ExchangeProperty("sentryAlert") SentryAlert alert, @ExchangeProperty("sentryStatus") SentryStatus status) {
        return guard(() -> machine.archived(alert, row(alert.key()), status));
    }

    /** Unresolved in Sentry: reopen the GitHub issue. */
    public Decision unresolve(@ExchangeProperty("sentryAlert") SentryAlert alert, @ExchangeProperty("sentryStatus") SentryStatus status) {
        return guard(() -> machine.unresolved(alert, row(alert.key()), status));
    }

    /** The row as last read, if nothing changed since; null when the store must be read. */
    private IssueRow cachedRow(String key) {
        CachedRow cached = recentRows == null ? null : recentRows.getIfPresent(key);
        return cached == null || changing.get() != 0 || cached.generation() != generation.get() ? null : cached.row();
    }

    /** The row as the store has it now, kept as the row last read (with the generation it was read in). */
    private IssueRow readAndRemember(String key) {
        long readIn = generation.get();
        IssueRow row = row(key);
        if (recentRows != null && row != null) {
            recentRows.put(key, new CachedRow(row, readIn));
        }
        return row;
    }

    /** A repeat decided on the row as last read, if nothing changed since; null when the store must decide. */
    private Decision repeatFromCache(SentryAlert alert) {
        IssueRow cached = cachedRow(alert.key());
        if (cached == null) {
            return null;
        }
        // counting happens only on the repeat edge, so a decision that would write has had no effect yet
        Decision decision = decideAlert(alert, cached, clock.millis(), true);
        return decision.transition() == Transition.REPEAT ? decision : null;
    }

    /**
     * Every change to sentry_issue goes through here. While one is in flight nothing is answered from memory, and
     * once it is committed (or rolled back) a new generation ends every row read before: no row read before a commit
     * is trusted after it.
     */
    private int changeState(IntSupplier change) {
        changing.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // runs after the commit or the rollback, also when the update below throws
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changed();
                }
            });
            return change.getAsInt();
        }
        try {
            return change.getAsInt();
        } finally {
            changed();
        }
    }

    private void changed() {
        generation.incrementAndGet();
        changing.decrementAndGet();
    }

    /** The same decision for /internal/preview, which counts nothing. */
    public Decision preview(@ExchangeProperty("sentryAlert") SentryAlert alert, @ExchangeProperty("sentryStatus") SentryStatus status) {
        return guard(() -> {
            IssueRow row = row(alert.key());
            return status != null ? machine.status(alert, row, status) : decideAlert(alert, row, clock.millis(), false);
        });
    }

    /** The machine's decision; a repeat that counts is counted here, in memory. */
    private Decision decideAlert(SentryAlert alert, IssueRow row, long now, boolean counting) {
        Decision decision = machine.alert(alert, row, now, counting, repeats.counted(alert.key()));
        if (decision.transition() == Transition.REPEAT && IssueStateMachine.counts(alert, counting)) {
            repeats.count(alert.key());
        }
        return decision;
    }

    /**
     * Takes the transition and keeps its write, in the route's transaction (the {@code transacted} around it), if the
     * state is still the one it was decided on: a new Sentry issue's row is claimed here, together with its creation.
     * If something else changed the state meanwhile (another delivery or replica, the lane filing the issue, the
     * first read of GitHub), the delivery is decided again: the same edge is kept with the write already rendered;
     * one that writes nothing (ignored, counted) is answered as such; one that writes something else goes back to be
     * rendered.
     */
    public Decision keep(@ExchangeProperty("decision") Decision decided, @ExchangeProperty("sentryAlert") SentryAlert alert,
                         @ExchangeProperty("sentryStatus") SentryStatus status, @ExchangeProperty("githubRequest") Object request) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("keep runs inside a transaction: the claim and its write are kept together or not at all");
        }
        return guard(() -> {
            Decision decision = decided;
            for (int tries = 0; tries < 3; tries++) {
                long now = clock.millis();
                if (transition(decision, now)) {
                    if (decision.transition() == Transition.UPDATE || decision.transition() == Transition.REGRESS) {
                        repeats.reset(decision.key());
                    }
                    writes.add(decision.key(), alert.sentryIssueId(), decision.transition().write(), request);
                    return decision.asKept();
                }
                IssueRow row = row(decision.key());
                Decision again = status != null ? machine.status(alert, row, status) : decideAlert(alert, row, now, true);
                if (again.transition() != decision.transition()) {
                    return again;
                }
                decision = again;
            }
            throw new IllegalStateException("Sentry issue " + decided.key() + " kept changing while this delivery was kept");
        });
    }

    private boolean transition(Decision d, long now) {
        String key = d.key();
        long version = d.version();
        IntSupplier change = switch (d.transition()) {
            case OPEN_ISSUE -> () -> version < 0 ? rows.claim(key, now) : rows.reopenAsNew(key, version, now);
            case OPEN_REGRESSION_ISSUE -> () -> rows.reopenAsNew(key, version, now);
            case UPDATE -> () -> rows.updated(key, version, now);
            case RESOLVE -> () -> rows.closedByBridge(key, version, IssueState.RESOLVED, now);
            case ARCHIVE -> () -> rows.closedByBridge(key, version, IssueState.ARCHIVED, now);
            case UNRESOLVE -> () -> rows.reopened(key, version, now);
            case REGRESS -> () -> rows.regressed(key, version, now);
            case REPEAT, IGNORE -> null;
        };
        return change != null && changeState(change) == 1;
    }

    /**
     * Adds the repeats counted in memory to the store (each second, and at a stop), where the next comment of any
     * replica reads them. A crash loses at most a second of counts, never an alert.
     */
    @PreDestroy
    public int flushRepeatCounts() {
        try {
            return repeats.flush((key, count) -> changeState(() -> rows.addRepeats(key, count, clock.millis())));
        } catch (DataAccessException e) {
            LOG.warn("Could not add the repeat counts to the store ({}); trying again", new io.github.sentrygithubbridge.state.StoreUnavailableException(e).getMessage());
            return 0;
        }
    }

    // ---- the write lane ------------------------------------------------------------------------------------

    /** The GitHub issue number, or null when there is none (yet). */
    public Long numberOf(@ExchangeProperty("sentryIssueKey") String key) {
        return guard(() -> {
            IssueRow row = row(key);
            return row == null ? null : row.number();
        });
    }

    /** The repository of the Sentry issue's GitHub issue, or null for GITHUB_REPOSITORY (or none known). */
    public String repositoryOf(String key) {
        return guard(() -> {
            IssueRow row = row(key);
            return row == null ? null : row.repository();
        });
    }

    /** Whether the Sentry issue already has its GitHub issue (or its dry-run file). */
    public boolean isFiled(@ExchangeProperty("sentryIssueKey") String key) {
        return numberOf(key) != null;
    }

    /** GitHub confirmed the new issue (or a dry run wrote it): the Sentry issue is filed under its number. */
    public void filed(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubIssueNumber") Long number,
                      @ExchangeProperty("githubRepository") String repository) {
        String stored = stored(repository);
        guard(() -> {
            int changed = changeState(() -> rows.filed(key, number, stored));
            if (changed == 0) {
                // its claim was given back meanwhile (a replayed dead letter): file it all the same
                changeState(() -> rows.filedWithoutClaim(key, number, stored, clock.millis()));
            }
        });
    }

    /** GITHUB_REPOSITORY is stored as NULL: the rows written before there was a choice mean it too. */
    private String stored(String repository) {
        return repository == null || repository.equalsIgnoreCase(defaultRepository) ? null : repository;
    }

    private boolean sameRepository(String stored, String repository) {
        String actual = stored == null ? defaultRepository : stored;
        return repository == null || actual.equalsIgnoreCase(repository);
    }

    /**
     * What the lane does with a comment, close or reopen now that it has read the issue on GitHub: {@code send};
     * {@code skip} (a person closed it as not planned, it is gone, or a person closed it after this alert); or
     * {@code reopen} (an update comment for an issue closed as completed before the alert, within the reopen
     * window: the error came back).
     */
    public String reconcile(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubAction") String action,
                            @ExchangeProperty("githubIssue") GitHubIssue issue, @ExchangeProperty("githubCloseReason") String closeReason,
                            @ExchangeProperty(PendingWrites.ACCEPTED_AT) Long acceptedAt) {
        return guard(() -> transaction.execute(status -> {
            IssueRow row = row(key);
            if (row == null || row.state() == IssueState.HELD) {
                return "skip";
            }
            if (issue.gone()) {
                markGone(row);
                return "skip";
            }
            boolean bridgeDidIt = describes(row.bridgeChange(), issue);
            // closed as not planned, neither by the bridge nor as this very write means to: a person's call
            if (issue.isClosedAsNotPlanned() && !bridgeDidIt && !issue.stateReason().equals(closeReason)) {
                hold(row, issue);
                return "skip";
            }
            if (WriteAction.of(action) == WriteAction.COMMENT && issue.isClosedAsCompleted() && !bridgeDidIt) {
                long closedAt = issue.closedAt() == null ? clock.millis() : issue.closedAt().toEpochMilli();
                boolean closedBeforeTheAlert = acceptedAt == null || closedAt <= acceptedAt;
                if (closedBeforeTheAlert && clock.millis() - closedAt < settings.reopenWindow().toMillis()) {
                    return "reopen";
                }
                // closed after this alert, or long ago: the next alert decides (a regression, or a new issue)
                changeState(() -> rows.changedByPerson(key, IssueState.RESOLVED, closedAt));
                return "skip";
            }
            return "send";
        }));
    }

    /** Whether the bridge's last change on GitHub is what the issue shows: then it is the bridge's, not a person's. */
    private static boolean describes(String bridgeChange, GitHubIssue issue) {
        return bridgeChange != null && bridgeChange.equals(change(issue));
    }

    private static String change(GitHubIssue issue) {
        return issue.isClosed() ? "closed " + issue.stateReason() + " " + (issue.closedAt() == null ? "" : issue.closedAt().toEpochMilli())
                : "open";
    }

    /**
     * The lane closed or reopened the issue: the change is remembered as GitHub answered it (a close by its
     * closed_at), so that its echo, and the issue as a later read shows it, are told from a person's change.
     */
    public void applied(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubIssue") GitHubIssue issue) {
        guard(() -> {
            changeState(() -> rows.bridgeChanged(key, change(issue)));
            if (issue.isClosed() && issue.closedAt() != null) {
                changeState(() -> rows.bridgeClosedAt(key, issue.closedAt().toEpochMilli()));
            }
        });
    }

    /**
     * A creation became a dead letter: the Sentry issue has no GitHub issue, whatever Sentry said since, so the next
     * alert (or the replay) opens one. A first claim is given back; one that followed an older issue keeps that
     * number as the one it follows.
     */
    public void givenUp(@ExchangeProperty("sentryIssueKey") String key, @ExchangeProperty("githubAction") String action) {
        if (WriteAction.of(action) == WriteAction.CREATE) {
            guard(() -> {
                changeState(() -> rows.giveBackClaim(key));
                changeState(() -> rows.unfiled(key));
            });
        }
    }

    /**
     * A comment, close or reopen found no GitHub issue to go to (its creation was a dead letter, or the issue was
     * only ever written in a dry run): the write is moot, and the next alert opens an issue.
     */
    public void unfiled(@ExchangeProperty("sentryIssueKey") String key) {
        guard(() -> {
            changeState(() -> rows.unfiled(key));
            LOG.warn("Sentry issue {} has no GitHub issue to write to: its next alert opens one", key);
        });
    }

    /** Of issues opened twice for one Sentry issue, the oldest is its issue; the others are being closed as duplicates. */
    public void keepOldest(String key, Long keep, List<Long> duplicates) {
        guard(() -> {
            for (Long duplicate : duplicates) {
                changeState(() -> rows.renumbered(key, keep, duplicate));
            }
        });
    }

    /** Replayed creations claim their Sentry issues again; one filed meanwhile keeps its issue. */
    public void reclaim(List<String> keys) {
        guard(() -> {
            for (String key : keys) {
                changeState(() -> rows.reclaim(key, clock.millis()));
            }
        });
    }

    /**
     * Issues found on GitHub with the bridge's marker (startup, or before a creation is sent again). A Sentry issue
     * the store does not know is filed under the newest; one whose creation is queued (whatever Sentry said since)
     * gets the number of an issue newer than the one it follows, or of one that says it follows it (numbers of two
     * repositories do not compare), and keeps the state it is meant to have. An issue that says it follows the one
     * the store has (a regression opened in another repository, found after the store was wiped) takes its place.
     */
    public void foundOnGitHub(String repository, List<GitHubIssue> issues) {
        String stored = stored(repository);
        guard(() -> {
            for (GitHubIssue issue : issues) {
                IssueState state = issue.isClosedAsNotPlanned() ? IssueState.HELD : issue.isClosed() ? IssueState.RESOLVED : IssueState.OPEN;
                long createdAt = issue.createdAt() == null ? clock.millis() : issue.createdAt().toEpochMilli();
                changeState(() -> rows.found(issue, state, stored, createdAt));
            }
        });
    }

    // ---- GitHub's side: its webhook ------------------------------------------------------------------------

    /** A person closed the issue on GitHub: as completed resolves it (mirrored to Sentry), as not planned holds it. */
    public String closedOnGitHub(@ExchangeProperty("githubEvent") GitHubIssueEvent event, @Variable("githubIssueNow") GitHubIssue now) {
        return observe(event, now, (row, issue) -> {
            if (isEcho(row, issue)) {
                return "the bridge's own change (#" + issue.number() + " closed as " + issue.stateReason() + ")";
            }
            if (issue.isClosedAsNotPlanned()) {
                if (row.state() == IssueState.HELD) {
                    return "#" + issue.number() + " is already held";
                }
                hold(row, issue);
                return "a person closed #" + issue.number() + " as not planned: the bridge will not write to it";
            }
            personChanged(row, IssueState.RESOLVED, issue, "resolved");
            return "a person closed #" + issue.number() + " as completed";
        });
    }

    /** A person reopened the issue on GitHub: it is open again (mirrored to Sentry). */
    public String reopenedOnGitHub(@ExchangeProperty("githubEvent") GitHubIssueEvent event, @Variable("githubIssueNow") GitHubIssue now) {
        return observe(event, now, (row, issue) -> {
            if (isEcho(row, issue)) {
                return "the bridge's own change (#" + issue.number() + " reopened)";
            }
            if (row.state() == IssueState.OPEN || row.state() == IssueState.PENDING) {
                return "#" + issue.number() + " is already open";
            }
            personChanged(row, IssueState.OPEN, issue, "unresolved");
            return "a person reopened #" + issue.number();
        });
    }

    /** The issue was deleted or transferred: the Sentry issue has none now, and its next alert opens one. */
    public String goneFromGitHub(@ExchangeProperty("githubEvent") GitHubIssueEvent event, @Variable("githubIssueNow") GitHubIssue now) {
        return observe(event, now, (row, issue) -> {
            markGone(row);
            return "#" + issue.number() + " was " + event.action() + ": the next alert opens a new issue";
        });
    }

    /** Whether the issue a GitHub issues event names (in its repository) is one the bridge filed. */
    public boolean filedOnGitHub(@ExchangeProperty("githubEvent") GitHubIssueEvent event) {
        return guard(() -> filedRow(event) != null);
    }

    /** The row of the issue a GitHub issues event names, in the event's repository (numbers repeat across them); or null. */
    private IssueRow filedRow(GitHubIssueEvent event) {
        return rows.numbered(event.issue().number()).stream().filter(r -> sameRepository(r.repository(), event.repository()))
                .findFirst().orElse(null);
    }

    /**
     * A GitHub issues event on the row of the issue it names (in its repository), in one transaction. The event is
     * a hint: the change is taken on the issue as GitHub answered it just now, and only when that agrees with the
     * event (a late or replayed "closed" of an issue open now changes nothing). The bridge's own echo is never read.
     */
    private String observe(GitHubIssueEvent event, GitHubIssue now, BiFunction<IssueRow, GitHubIssue, String> change) {
        return guard(() -> transaction.execute(status -> {
            long number = event.issue().number();
            IssueRow filed = filedRow(event);
            if (filed == null) {
                return "GitHub issue #" + number + " is not one the bridge filed";
            }
            if (event.byBridge()) {
                return "the bridge's own change (#" + number + " " + event.action() + ")";
            }
            if (now == null) {
                throw new IllegalStateException("issues " + event.action() + " #" + number + " is taken only after GitHub is read");
            }
            String saysNow = now.gone() ? "gone" : now.isClosed() ? "closed" : "open";
            boolean agrees = switch (event.action()) {
                case "closed" -> saysNow.equals("closed");
                case "reopened" -> saysNow.equals("open");
                default -> saysNow.equals("gone");
            };
            if (!agrees) {
                return "GitHub says #" + number + " is " + saysNow + " now: the " + event.action() + " event changes nothing (late or replayed)";
            }
            return change.apply(filed, now);
        }));
    }

    /**
     * GitHub's echo of the bridge's own change: the last change it made, as GitHub answered it, or one it is about
     * to make (the write is kept until GitHub's answer is recorded, and the echo may come first).
     */
    private boolean isEcho(IssueRow row, GitHubIssue issue) {
        if (describes(row.bridgeChange(), issue)) {
            return true;
        }
        WriteAction action = issue.isClosed() ? WriteAction.CLOSE : WriteAction.REOPEN;
        return writes.requestsFor(row.key(), action).stream()
                .anyMatch(request -> !issue.isClosed() || request.contains("\"stateReason\":\"" + issue.stateReason() + "\""));
    }

    private void hold(IssueRow row, GitHubIssue issue) {
        personChanged(row, IssueState.HELD, issue, "ignored");
        LOG.info("GitHub issue #{} of Sentry issue {} was closed as not planned by a person: nothing more is written to it",
                row.number(), row.key());
    }

    private void personChanged(IssueRow row, IssueState state, GitHubIssue issue, String sentryStatus) {
        Long closedAt = state.isClosed() ? (issue.closedAt() == null ? clock.millis() : issue.closedAt().toEpochMilli()) : null;
        changeState(() -> rows.changedByPerson(row.key(), state, closedAt));
        if (mirror.covers(row.key())) {
            writes.add(row.key(), row.key(), WriteAction.SENTRY_STATUS, new SentryStatusUpdate(sentryStatus));
        }
    }

    private void markGone(IssueRow row) {
        changeState(() -> rows.gone(row.key()));
        LOG.warn("GitHub issue #{} of Sentry issue {} was deleted or transferred: its next alert opens a new issue", row.number(), row.key());
    }

    // ---- the operator's view -------------------------------------------------------------------------------

    /** The Sentry issue as the store knows it, or null. */
    public SentryIssueView describe(@Header("id") String key) {
        return guard(() -> {
            IssueRow row = row(key);
            if (row == null) {
                return null;
            }
            long counted = repeats.counted(key);
            return new SentryIssueView(key, row.state().column(), row.number(), row.previousNumber(), row.closedBy(),
                    row.state() == IssueState.HELD ? "not_planned" : row.state() == IssueState.ARCHIVED ? "not_planned"
                            : row.state() == IssueState.RESOLVED ? "completed" : null,
                    row.closedAt() == null ? null : Instant.ofEpochMilli(row.closedAt()),
                    row.eventsSinceUpdate() + counted,
                    row.lastAlertAt() == null ? null : Instant.ofEpochMilli(row.lastAlertAt()),
                    writes.listFor(key));
        });
    }

    private IssueRow row(String key) {
        return rows.row(key);
    }
}
