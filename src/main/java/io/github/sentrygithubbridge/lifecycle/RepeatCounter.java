package io.github.sentrygithubbridge.lifecycle;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjLongConsumer;

/**
 * The repeats inside the cooldown, counted in memory per Sentry issue until they are added to the store (each
 * second): a storm of repeats costs no write, and a crash loses at most a second of counts, never an alert.
 */
final class RepeatCounter {

    private final ConcurrentHashMap<String, Long> counts = new ConcurrentHashMap<>();

    void count(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    /** The repeats counted and not yet in the store. */
    long counted(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Drops the count: the update comment that carries it was kept. */
    void reset(String key) {
        counts.remove(key);
    }

    /**
     * Hands each count to {@code store}. A count the store refuses is kept for the next time and the rest wait;
     * the refusal is thrown. Returns how many Sentry issues' counts were stored.
     */
    int flush(ObjLongConsumer<String> store) {
        int flushed = 0;
        for (String key : counts.keySet()) {
            Long count = counts.remove(key);
            if (count == null) {
                continue;
            }
            try {
                store.accept(key, count);
                flushed++;
            } catch (RuntimeException e) {
                counts.merge(key, count, Long::sum);
                throw e;
            }
        }
        return flushed;
    }
}
