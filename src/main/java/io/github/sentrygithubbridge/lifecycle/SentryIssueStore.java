package io.github.sentrygithubbridge.lifecycle;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.stereotype.Component;

/**
 * The store as the idempotent consumer's repository, keyed by the Sentry issue: a key is a duplicate once
 * {@code sentry_issue} has its row, on SQLite or on the PostgreSQL all replicas share. A row read since the last
 * change answers from memory, so a repeat costs no query.
 *
 * <p>The consumer runs with {@code eager: false}: it asks {@link #contains} first, and a new key is claimed in the
 * store by the keep-write step, with its creation, in one transaction — a row without its write never exists. A
 * delivery that lost the race to another is decided again there, as the duplicate it is. {@link #add} therefore
 * inserts nothing: it answers whether the key was new, as the interface asks. {@link #remove} (a failed delivery)
 * forgets only the row as read; the transaction took the claim back.
 */
@Component("sentryIssueStore")
public class SentryIssueStore extends ServiceSupport implements IdempotentRepository {

    private final SentryIssueLifecycle lifecycle;

    public SentryIssueStore(SentryIssueLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public boolean contains(String key) {
        return lifecycle.isKnown(key);
    }

    @Override
    public boolean add(String key) {
        return !lifecycle.isKnown(key);
    }

    @Override
    public boolean remove(String key) {
        lifecycle.forget(key);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("the store's Sentry issues are never cleared through Camel");
    }
}
