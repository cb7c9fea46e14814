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
     * Hands each count to {@code store}, then takes it off: the count stays visible until the store has it, so that a
     * decision meanwhile (the cooldown's comment counts the repeats) never misses it. A count the store refuses stays
     * for the next time and the rest wait; the refusal is thrown. Returns how many Sentry issues' counts were stored.
     */
    int flush(ObjLongConsumer<String> store) {
        int flushed = 0;
        for (String key : counts.keySet()) {
            Long count = counts.get(key);
            if (count == null) {
                continue;
            }
            store.accept(key, count);
            // repeats counted meanwhile stay; a reset meanwhile (the comment carrying them was kept) left nothing
            counts.computeIfPresent(key, (k, now) -> now > count ? now - count : null);
            flushed++;
        }
        return flushed;
    }
}
