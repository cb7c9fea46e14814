package io.github.sentrygithubbridge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatCounterTest {

    final RepeatCounter repeats = new RepeatCounter();

    @Test
    void countsUntilStoredOrReset() {
        repeats.count("a");
        repeats.count("a");
        repeats.count("b");
        repeats.reset("b");
        Map<String, Long> stored = new HashMap<>();

        assertThat(repeats.counted("a")).isEqualTo(2);
        assertThat(repeats.flush(stored::put)).isEqualTo(1);
        assertThat(stored).containsExactly(Map.entry("a", 2L));
        assertThat(repeats.counted("a")).isZero();
    }

    @Test
    void aCountTheStoreRefusedIsKeptForNextTime() {
        repeats.count("a");
        Throwable refused = catchThrowable(() -> repeats.flush((key, count) -> {
            throw new IllegalStateException("database is locked");
        }));
        repeats.count("a");

        assertThat(refused).hasMessage("database is locked");
        assertThat(repeats.counted("a")).isEqualTo(2);
    }

    @Test
    void aCountBeingStoredIsStillSeenAndRepeatsMeanwhileStay() {
        repeats.count("a");
        repeats.count("a");
        Map<String, Long> seenWhileStoring = new HashMap<>();

        repeats.flush((key, count) -> {
            seenWhileStoring.put(key, repeats.counted(key));
            repeats.count(key);
        });

        assertThat(seenWhileStoring).containsExactly(Map.entry("a", 2L));
        assertThat(repeats.counted("a")).isEqualTo(1);
    }

    @Test
    void aResetWhileTheCountIsStoredKeepsTheRepeatsCountedAfterIt() {
        repeats.count("a");
        repeats.count("a");
        repeats.count("a");

        repeats.flush((key, count) -> {
            repeats.reset(key);
            repeats.count(key);
            repeats.count(key);
        });

        assertThat(repeats.counted("a")).isEqualTo(2);
    }
}
