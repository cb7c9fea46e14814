package io.github.sentrygithubbridge.lifecycle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;

/**
 * The repeats inside the cooldown, counted in memory per Sentry issue until they are added to the store (each
 * second): a storm of repeats costs no write, and a crash loses at most a second of counts, never an alert.
 */
final class RepeatCounter {

    // one holder per Sentry issue until its count is stored or reset: a flush takes off what it stored from the
    // holder it read, so that a reset meanwhile (and the repeats counted after it, in a new holder) stays apart
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void count(String key) {
        counts.compute(key, (k, held) -> {
            AtomicLong holder = held == null ? new AtomicLong() : held;
            holder.incrementAndGet();
            return holder;
        });
    }

    /** The repeats counted and not yet in the store. */
    long counted(String key) {
        AtomicLong held = counts.get(key);
        return held == null ? 0 : held.get();
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
        for (Map.Entry<String, AtomicLong> entry : counts.entrySet()) {
            AtomicLong holder = entry.getValue();
            long count = holder.get();
            if (count == 0) {
                continue;
            }
            store.accept(entry.getKey(), count);
            counts.computeIfPresent(entry.getKey(), (k, held) -> held == holder && held.addAndGet(-count) == 0 ? null : held);
            flushed++;
        }
        return flushed;
    }
}
